;; The inner loop of log analysis: finds the lines of a region that hold needles, and counts its
;; newlines, 16 bytes at a time with WebAssembly SIMD. On one core of the benchmark machine it
;; scans an nginx log at 2-4 GB/s, and application logs with 114 needles at about 700 MB/s, where
;; one Buffer#indexOf pass per needle made 70 MB/s (and this loop without the fingerprint table 170).
;;
;; Needles are sorted into up to eight buckets, one bit each. Each needle is fingerprinted by two
;; adjacent bytes, or three when there are many needles (`thirdByte`; a two-byte needle's third
;; is any byte), the rarest in logs, chosen by needleKernel.ts. For a byte x, the tables give the
;; buckets holding a needle whose first fingerprint byte could be x: LOW1[x & 15] & HIGH1[x >> 4],
;; and LOW2/HIGH2, LOW3/HIGH3 the same for the second and third at x's successors; i8x16.swizzle
;; looks up 16 bytes at once (the "Teddy" method of Hyperscan and Rust's regex crate). At a hit,
;; the fingerprint table tells which buckets hold a needle with this very fingerprint, and each
;; needle of those is checked: its last 8 bytes at once (needles that share a beginning, such as
;; "upstream" and "upstream timed out", mostly differ there), then in full, 16 bytes at a time.
;; A needle byte 0 stands for any ASCII digit.
;;
;; A needle is of one of three kinds:
;;   0 line       a line that holds it is written out;
;;   1 evidence   makes a line of kind-2 needles worth writing out, never one on its own;
;;   2 weak       a line that holds it is written out only if it also holds evidence, or if it
;;                does not start with one of the shapes (the header of lines where the needle
;;                alone means nothing; a shape byte 0 is any digit too).
;; A line is written out once, as four i32s: its start, its end (its newline, or the region's
;; end), how many newlines precede it in the region, and a flag used while the line is scanned
;; (set while a weak needle's line waits for evidence; 0 in every line handed back).
;;
;; Memory (owned by the caller, who also puts the window to scan after FREE):
;;   0     LOW1, HIGH1, LOW2, HIGH2, LOW3, HIGH3 (16 bytes each)
;;   96    scratch for the fingerprint vector of a block
;;   112   per bucket, the address of its first needle record and the end of its records
;;   256   shapes, 48 bytes each: length, then up to 44 bytes
;;   1024  needle records, 32 bytes each, sorted by bucket: fingerprint offset in the needle, length,
;;         address of its bytes, kind, its last 8 bytes (i64; all of it when shorter) and the mask
;;         of those that must be equal (not past its end, not a digit class)
;;   5120  needle bytes
;;   8192  the fingerprint table: 64 KiB, a byte per slot, the buckets of the needles whose
;;         fingerprint has that slot (see the lane loop of `scan`)
;; The region [from, to) must be followed by 32 readable bytes (the last block reads past it).
;; A region is scanned by `begin`, then `scan` until it stops at its end.
(module
  (import "env" "memory" (memory 1))
  (global (export "BUCKETS") i32 (i32.const 112))
  (global (export "SHAPES") i32 (i32.const 256))
  (global (export "NEEDLE_RECORDS") i32 (i32.const 1024))
  (global (export "NEEDLE_BYTES") i32 (i32.const 5120))
  (global (export "FINGERPRINT_TABLE") i32 (i32.const 8192))
  (global (export "FREE") i32 (i32.const 73728))
  (global (export "MAX_NEEDLES") i32 (i32.const 128))
  (global (export "MAX_SHAPES") i32 (i32.const 8))
  (global (export "MAX_SHAPE_BYTES") i32 (i32.const 44))
  (global $shapeCount (export "shapeCount") (mut i32) (i32.const 0))
  ;; Whether fingerprints have a third byte: two more lookups per block, far fewer false hits.
  (global $thirdByte (export "thirdByte") (mut i32) (i32.const 0))
  ;; Lines longer than this count as long lines.
  (global $maxLine (export "maxLine") (mut i32) (i32.const 0x7fffffff))
  ;; Results of the last scan: newlines counted, of them ending a long line, and where it stopped
  ;; (before `to` when the output filled up: call again from there).
  (global $lines (export "lines") (mut i32) (i32.const 0))
  (global $longLines (export "longLines") (mut i32) (i32.const 0))
  (global $stoppedAt (export "stoppedAt") (mut i32) (i32.const 0))
  ;; The last newline before the block being scanned.
  (global $lastNewline (mut i32) (i32.const -1))
  ;; The start of the line of the last record written, and of the last line found to hold evidence.
  (global $recordLine (mut i32) (i32.const -1))
  (global $evidenceLine (mut i32) (i32.const -1))
  ;; Room for the most a block can write out: one record for each of its 16 bytes.
  (global $BLOCK_OUT i32 (i32.const 256))

  ;; Starts a region at from: no newline seen, nothing written out.
  (func (export "begin") (param $from i32)
    (global.set $lastNewline (i32.sub (local.get $from) (i32.const 1)))
    (global.set $recordLine (i32.const -1))
    (global.set $evidenceLine (i32.const -1)))

  ;; Whether the `length` bytes at `at` are those of `pattern` (0 in it matches any digit), 16
  ;; at a time. Both may be read up to 15 bytes past `length`: those lanes are not compared.
  (func $equals (param $at i32) (param $pattern i32) (param $length i32) (result i32)
    (local $expected v128) (local $actual v128)
    (loop $chunks
      (if (i32.le_s (local.get $length) (i32.const 0)) (then (return (i32.const 1))))
      (local.set $expected (v128.load align=1 (local.get $pattern)))
      (local.set $actual (v128.load align=1 (local.get $at)))
      (if (i32.eqz (i8x16.all_true (v128.or
            (v128.or
              (i8x16.eq (local.get $actual) (local.get $expected))
              (v128.and
                (i8x16.eq (local.get $expected) (v128.const i64x2 0 0))
                (i8x16.lt_u (i8x16.sub (local.get $actual) (i8x16.splat (i32.const 0x30))) (i8x16.splat (i32.const 10)))))
            ;; lanes past the end
            (v128.not (i8x16.lt_u
              (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
              (i8x16.splat (select (local.get $length) (i32.const 16) (i32.lt_s (local.get $length) (i32.const 16)))))))))
        (then (return (i32.const 0))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (local.set $pattern (i32.add (local.get $pattern) (i32.const 16)))
      (local.set $length (i32.sub (local.get $length) (i32.const 16)))
      (br $chunks))
    (unreachable))

  ;; Whether the line [at, end) starts with one of the shapes.
  (func $hasShape (param $at i32) (param $end i32) (result i32)
    (local $shape i32) (local $shapesEnd i32) (local $length i32)
    (local.set $shape (i32.const 256))
    (local.set $shapesEnd (i32.add (i32.const 256) (i32.mul (global.get $shapeCount) (i32.const 48))))
    (block $none
      (loop $eachShape
        (br_if $none (i32.ge_u (local.get $shape) (local.get $shapesEnd)))
        (local.set $length (i32.load (local.get $shape)))
        (if (i32.le_u (i32.add (local.get $at) (local.get $length)) (local.get $end))
          (then (if (call $equals (local.get $at) (i32.add (local.get $shape) (i32.const 4)) (local.get $length))
            (then (return (i32.const 1))))))
        (local.set $shape (i32.add (local.get $shape) (i32.const 48)))
        (br $eachShape)))
    (i32.const 0))

  ;; Ends the records [pending, out) whose lines end at the first of `newlines` at or after their
  ;; start (newlines: a bit per byte of the block at `block`), dropping weak lines without
  ;; evidence that start with a shape, and moves the records still open after those kept.
  ;; Returns the new `out`; the records still open start at global $pendingOut.
  (global $pendingOut (mut i32) (i32.const 0))
  (func $endLines (param $pending i32) (param $out i32) (param $block i32) (param $newlines i32) (result i32)
    (local $kept i32) (local $at i32) (local $after i32) (local $lineStart i32) (local $lineEnd i32)
    (local.set $kept (local.get $pending))
    (block $endsDone
      (loop $eachPending
        (br_if $endsDone (i32.ge_u (local.get $pending) (local.get $out)))
        (local.set $lineStart (i32.load (local.get $pending)))
        (local.set $at (i32.sub (local.get $lineStart) (local.get $block)))
        (local.set $after (select
          (local.get $newlines)
          (i32.and (local.get $newlines) (i32.sub (i32.const 0) (i32.shl (i32.const 1) (local.get $at))))
          (i32.lt_s (local.get $at) (i32.const 0))))
        ;; (they are in order of position, so the first still open ends the search)
        (br_if $endsDone (i32.eqz (local.get $after)))
        (local.set $lineEnd (i32.add (local.get $block) (i32.ctz (local.get $after))))
        (if (i32.or
              (i32.eqz (i32.load offset=12 (local.get $pending)))
              (i32.eqz (call $hasShape (local.get $lineStart) (local.get $lineEnd))))
          (then
            (i32.store (local.get $kept) (local.get $lineStart))
            (i32.store offset=4 (local.get $kept) (local.get $lineEnd))
            (i32.store offset=8 (local.get $kept) (i32.load offset=8 (local.get $pending)))
            (i32.store offset=12 (local.get $kept) (i32.const 0))
            (local.set $kept (i32.add (local.get $kept) (i32.const 16)))))
        (local.set $pending (i32.add (local.get $pending) (i32.const 16)))
        (br $eachPending)))
    (global.set $pendingOut (local.get $kept))
    (block $movesDone
      (loop $eachOpen
        (br_if $movesDone (i32.ge_u (local.get $pending) (local.get $out)))
        (v128.store (local.get $kept) (v128.load (local.get $pending)))
        (local.set $kept (i32.add (local.get $kept) (i32.const 16)))
        (local.set $pending (i32.add (local.get $pending) (i32.const 16)))
        (br $eachOpen)))
    (local.get $kept))

  ;; Scans [from, to), writing records at out (up to outEnd); returns the end of the records written.
  (func (export "scan") (param $from i32) (param $to i32) (param $out i32) (param $outEnd i32) (result i32)
    (local $block i32) (local $bytes v128) (local $next v128) (local $third v128) (local $nibble v128) (local $fingerprints v128)
    (local $valid i32) (local $newlines i32) (local $lanes i32) (local $lane i32) (local $buckets i32)
    (local $bucket i32) (local $record i32) (local $records i32) (local $start i32) (local $length i32)
    (local $before i32) (local $lineStart i32) (local $lineIndex i32) (local $pending i32) (local $kind i32)
    (global.set $lines (i32.const 0))
    (global.set $longLines (i32.const 0))
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (local.set $block (local.get $from))
    ;; The first record whose line end is not known yet.
    (local.set $pending (local.get $out))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $block) (local.get $to)))
        (local.set $bytes (v128.load align=1 (local.get $block)))
        (local.set $next (v128.load offset=1 align=1 (local.get $block)))
        ;; Lanes inside the region: all 16 but in the last block.
        (local.set $valid (select
          (i32.const 0xffff)
          (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $to) (local.get $block))) (i32.const 1))
          (i32.ge_u (i32.sub (local.get $to) (local.get $block)) (i32.const 16))))
        (local.set $newlines (i32.and (local.get $valid)
          (i8x16.bitmask (i8x16.eq (local.get $bytes) (i8x16.splat (i32.const 10))))))
        (local.set $fingerprints (v128.and
          (v128.and
            (i8x16.swizzle (v128.load (i32.const 0)) (v128.and (local.get $bytes) (local.get $nibble)))
            (i8x16.swizzle (v128.load (i32.const 16)) (i8x16.shr_u (local.get $bytes) (i32.const 4))))
          (v128.and
            (i8x16.swizzle (v128.load (i32.const 32)) (v128.and (local.get $next) (local.get $nibble)))
            (i8x16.swizzle (v128.load (i32.const 48)) (i8x16.shr_u (local.get $next) (i32.const 4))))))
        (if (global.get $thirdByte)
          (then
            (local.set $third (v128.load offset=2 align=1 (local.get $block)))
            (local.set $fingerprints (v128.and (local.get $fingerprints) (v128.and
              (i8x16.swizzle (v128.load (i32.const 64)) (v128.and (local.get $third) (local.get $nibble)))
              (i8x16.swizzle (v128.load (i32.const 80)) (i8x16.shr_u (local.get $third) (i32.const 4))))))))
        (if (v128.any_true (local.get $fingerprints))
          (then
            ;; Output nearly full: stop at the start of the line this block is in (its record, if
            ;; any, is dropped and that line scanned again by the next call).
            (if (i32.lt_u (i32.sub (local.get $outEnd) (local.get $out)) (global.get $BLOCK_OUT))
              (then
                (global.set $stoppedAt (i32.add (global.get $lastNewline) (i32.const 1)))
                (global.set $recordLine (i32.const -1))
                (global.set $evidenceLine (i32.const -1))
                (return (local.get $pending))))
            (v128.store (i32.const 96) (local.get $fingerprints))
            (local.set $lanes (i32.and (local.get $valid)
              (i8x16.bitmask (i8x16.ne (local.get $fingerprints) (v128.const i64x2 0 0)))))
            (block $lanesDone
              (loop $eachLane
                (br_if $lanesDone (i32.eqz (local.get $lanes)))
                (local.set $lane (i32.ctz (local.get $lanes)))
                (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
                ;; The nibble tables let through every byte whose nibbles occur in a bucket's needles,
                ;; whatever their combination; the fingerprint table keeps the buckets where this
                ;; very fingerprint occurs (in a Spring Boot log, with the 114 application-log
                ;; needles, one byte in 8 passes the nibble tables and one in 128 both).
                (local.set $buckets (i32.and
                  (i32.load8_u offset=96 (local.get $lane))
                  ;; (the slot of a fingerprint: its two bytes themselves, or its three hashed to 16
                  ;; bits by Fibonacci hashing; needleKernel.ts fills the table the same way)
                  (i32.load8_u offset=8192 (if (result i32) (global.get $thirdByte)
                    (then (i32.shr_u
                      (i32.mul (i32.and (i32.load align=1 (i32.add (local.get $block) (local.get $lane))) (i32.const 0xffffff)) (i32.const 0x9e3779b1))
                      (i32.const 16)))
                    (else (i32.load16_u align=1 (i32.add (local.get $block) (local.get $lane))))))))
                (br_if $eachLane (i32.eqz (local.get $buckets)))
                ;; The line holding this lane starts after the block's last newline before it, or
                ;; after the last newline of the blocks before.
                (local.set $before (i32.and (local.get $newlines)
                  (i32.sub (i32.shl (i32.const 1) (local.get $lane)) (i32.const 1))))
                (local.set $lineStart (if (result i32) (local.get $before)
                  (then (i32.sub (i32.add (local.get $block) (i32.const 32)) (i32.clz (local.get $before))))
                  (else (i32.add (global.get $lastNewline) (i32.const 1)))))
                (local.set $lineIndex (i32.add (global.get $lines) (i32.popcnt (local.get $before))))
                (block $laneDone
                  ;; A line already written out and waiting for nothing needs no more checking.
                  (br_if $laneDone (i32.and
                    (i32.eq (global.get $recordLine) (local.get $lineStart))
                    (i32.eqz (i32.load offset=12 (i32.sub (local.get $out) (i32.const 16))))))
                  (loop $eachBucket
                    (br_if $laneDone (i32.eqz (local.get $buckets)))
                    (local.set $bucket (i32.add (i32.const 112) (i32.shl (i32.ctz (local.get $buckets)) (i32.const 3))))
                    (local.set $buckets (i32.and (local.get $buckets) (i32.sub (local.get $buckets) (i32.const 1))))
                    (local.set $record (i32.load (local.get $bucket)))
                    (local.set $records (i32.load offset=4 (local.get $bucket)))
                    (block $needlesDone
                      (loop $eachNeedle
                        (br_if $needlesDone (i32.ge_u (local.get $record) (local.get $records)))
                        (local.set $start (i32.sub (i32.add (local.get $block) (local.get $lane)) (i32.load (local.get $record))))
                        (local.set $length (i32.load offset=4 (local.get $record)))
                        ;; A needle holds no newline, so one inside the region lies within this line. Its
                        ;; last 8 bytes are compared at once (masked: shorter needles, digit classes),
                        ;; which turns down most hits of a bucket's other needles.
                        ;; (Evidence already found in the line changes nothing.)
                        (local.set $kind (i32.load offset=12 (local.get $record)))
                        (if (i32.and
                              (i32.and
                                (i32.ge_s (local.get $start) (local.get $lineStart))
                                (i32.le_u (i32.add (local.get $start) (local.get $length)) (local.get $to)))
                              (i32.or
                                (i32.ne (local.get $kind) (i32.const 1))
                                (i32.ne (global.get $evidenceLine) (local.get $lineStart))))
                          (then (if (i64.eqz (i64.and
                              (i64.xor
                                (i64.load align=1 (i32.add (local.get $start) (select (i32.sub (local.get $length) (i32.const 8)) (i32.const 0) (i32.gt_s (local.get $length) (i32.const 8)))))
                                (i64.load offset=16 (local.get $record)))
                              (i64.load offset=24 (local.get $record))))
                          (then (if (call $equals (local.get $start) (i32.load offset=8 (local.get $record)) (local.get $length))
                          (then
                            (if (i32.eq (global.get $recordLine) (local.get $lineStart))
                              (then
                                ;; Written out already: a line needle or evidence settles it.
                                (if (i32.ne (local.get $kind) (i32.const 2))
                                  (then (i32.store offset=12 (i32.sub (local.get $out) (i32.const 16)) (i32.const 0)))))
                              (else (if (i32.ne (local.get $kind) (i32.const 1))
                                (then
                                  (i32.store (local.get $out) (local.get $lineStart))
                                  (i32.store offset=4 (local.get $out) (i32.const -1))
                                  (i32.store offset=8 (local.get $out) (local.get $lineIndex))
                                  (i32.store offset=12 (local.get $out) (i32.and
                                    (i32.eq (local.get $kind) (i32.const 2))
                                    (i32.ne (global.get $evidenceLine) (local.get $lineStart))))
                                  (local.set $out (i32.add (local.get $out) (i32.const 16)))
                                  (global.set $recordLine (local.get $lineStart))))))
                            (if (i32.eq (local.get $kind) (i32.const 1))
                              (then (global.set $evidenceLine (local.get $lineStart))))
                            (br_if $laneDone (i32.and
                              (i32.eq (global.get $recordLine) (local.get $lineStart))
                              (i32.eqz (i32.load offset=12 (i32.sub (local.get $out) (i32.const 16))))))))))))
                        (local.set $record (i32.add (local.get $record) (i32.const 32)))
                        (br $eachNeedle)))
                    (br $eachBucket)))
                (br $eachLane)))))
        (if (local.get $newlines)
          (then
            (if (i32.lt_u (local.get $pending) (local.get $out))
              (then
                (local.set $out (call $endLines (local.get $pending) (local.get $out) (local.get $block) (local.get $newlines)))
                (local.set $pending (global.get $pendingOut))))
            (if (i32.gt_u
                  (i32.sub (i32.add (local.get $block) (i32.ctz (local.get $newlines))) (i32.add (global.get $lastNewline) (i32.const 1)))
                  (global.get $maxLine))
              (then (global.set $longLines (i32.add (global.get $longLines) (i32.const 1)))))
            (global.set $lines (i32.add (global.get $lines) (i32.popcnt (local.get $newlines))))
            (global.set $lastNewline (i32.sub (i32.add (local.get $block) (i32.const 31)) (i32.clz (local.get $newlines))))))
        (local.set $block (i32.add (local.get $block) (i32.const 16)))
        (br $blocks)))
    ;; The region's last line, which has no newline in it, ends at `to`: as if a newline were there.
    (global.set $stoppedAt (local.get $to))
    (if (result i32) (i32.lt_u (local.get $pending) (local.get $out))
      (then (call $endLines (local.get $pending) (local.get $out) (local.get $to) (i32.const 1)))
      (else (local.get $out))))
)
