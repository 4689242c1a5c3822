/**
 * Lines that use failure words about connections made TO this machine: sshd, mail and VPN
 * daemons, TLS terminators accepting clients (SSL_accept, HAProxy frontends). A scanner
 * resetting an SSH session or failing a TLS handshake against us is not a failure of our
 * outbound calls to the invoice API, so these never become findings.
 */
const INBOUND_DAEMON = /(?:^|\s)(?:sshd|dovecot|ovpn-\w+|openvpn|postfix\/[\w-]+|exim\d?|sm-mta|sendmail|stunnel\d?|murmurd?|vsftpd|proftpd|pure-ftpd|courier-\w+|named|fail2ban\.\w+)(?:\[\d+\])?: /;
const INBOUND_MARKERS = /SSL_accept|\[preauth\]|Rejected connection from|SMTP call from|TLS Error: TLS handshake failed|VERIFY ERROR: depth=|: SSL handshake failure$|\bLOG\d\[\d+:\d+\]: /;

export function isInboundLookAlike(line: string): boolean {
  return INBOUND_DAEMON.test(line) || INBOUND_MARKERS.test(line);
}
