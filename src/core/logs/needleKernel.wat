;; The inner loop of log analysis: finds up to eight needles in a region of whole lines and
;; counts its newlines, 16 bytes at a time with WebAssembly SIMD (about 2 GB/s on one core of
;; the benchmark machine, against 0.5 GB/s for one String#indexOf pass per needle).
;;
;; Each needle is fingerprinted by one pair of adjacent bytes (the rarest in logs, chosen by
;; needleKernel.ts), and each needle owns one bit. For a byte x, the tables give the needles
;; whose first pair byte could be x: LOW1[x & 15] & HIGH1[x >> 4] (one bit per needle, so the
;; two nibbles of one needle's byte meet exactly), and LOW2/HIGH2 the same for the second pair
;; byte at x's successor; i8x16.swizzle looks up 16 bytes at once (the "Teddy" method of
;; Hyperscan and Rust's regex crate). Fingerprint hits are checked in full against the needle.
;; A needle's first match in a line is written out as five i32s: the start of its line, the
;; needle's bit, where the needle starts, how many newlines precede it in the region, and the
;; end of its line (its newline, or the region's end), filled in when the scan reaches it; later
;; matches of the same needle in that line are not, as the caller only ever looks at the first.
;;
;; Memory (owned by the caller, who also puts the window to scan after FREE):
;;   0    LOW1, HIGH1, LOW2, HIGH2 (16 bytes each)
;;   64   scratch for the fingerprint vector of a block
;;   96   per needle, the start of the line of its last match written out (reset by `begin`)
;;   128  needle records, 16 bytes each: pair offset in the needle, length, address of its bytes
;;   256  needle bytes
;; The region [from, to) must be followed by 16 readable bytes (the last block reads past it).
;; A region is scanned by `begin`, then `scan` until it stops at its end.
(module
  (import "env" "memory" (memory 1))
  (global (export "NEEDLE_RECORDS") i32 (i32.const 128))
  (global (export "NEEDLE_BYTES") i32 (i32.const 256))
  (global (export "FREE") i32 (i32.const 4096))
  (global (export "MAX_NEEDLES") i32 (i32.const 8))
  ;; Lines longer than this count as long lines.
  (global $maxLine (export "maxLine") (mut i32) (i32.const 0x7fffffff))
  ;; Results of the last scan: newlines counted, of them ending a long line, and where it stopped
  ;; (before `to` when the output filled up: call again from there).
  (global $lines (export "lines") (mut i32) (i32.const 0))
  (global $longLines (export "longLines") (mut i32) (i32.const 0))
  (global $stoppedAt (export "stoppedAt") (mut i32) (i32.const 0))
  ;; The last newline before the block being scanned.
  (global $lastNewline (mut i32) (i32.const -1))
  ;; Room for the most a block can write out: 16 lanes, 8 needles, 20 bytes each.
  (global $BLOCK_OUT i32 (i32.const 2560))

  ;; Starts a region at from: no newline seen, no match written out.
  (func (export "begin") (param $from i32)
    (global.set $lastNewline (i32.sub (local.get $from) (i32.const 1)))
    (v128.store (i32.const 96) (v128.const i32x4 -1 -1 -1 -1))
    (v128.store (i32.const 112) (v128.const i32x4 -1 -1 -1 -1)))

  ;; Scans [from, to), writing matches at out (up to outEnd); returns the end of the matches written.
  ;; Line ends still unknown when it stops early (output full) are left at -1.
  (func (export "scan") (param $from i32) (param $to i32) (param $out i32) (param $outEnd i32) (result i32)
    (local $block i32) (local $bytes v128) (local $next v128) (local $nibble v128) (local $fingerprints v128)
    (local $valid i32) (local $newlines i32) (local $lanes i32) (local $lane i32) (local $needles i32)
    (local $needle i32) (local $record i32) (local $start i32) (local $length i32) (local $at i32)
    (local $before i32) (local $lineStart i32) (local $lineIndex i32) (local $pending i32) (local $after i32)
    (global.set $lines (i32.const 0))
    (global.set $longLines (i32.const 0))
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (local.set $block (local.get $from))
    ;; The first match written out whose line end is not known yet.
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
        (if (v128.any_true (local.get $fingerprints))
          (then
            ;; Output nearly full: stop before this block.
            (if (i32.lt_u (i32.sub (local.get $outEnd) (local.get $out)) (global.get $BLOCK_OUT))
              (then
                (global.set $stoppedAt (local.get $block))
                (return (local.get $out))))
            (v128.store (i32.const 64) (local.get $fingerprints))
            (local.set $lanes (i32.and (local.get $valid)
              (i8x16.bitmask (i8x16.ne (local.get $fingerprints) (v128.const i64x2 0 0)))))
            (block $lanesDone
              (loop $eachLane
                (br_if $lanesDone (i32.eqz (local.get $lanes)))
                (local.set $lane (i32.ctz (local.get $lanes)))
                (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
                (local.set $needles (i32.load8_u offset=64 (local.get $lane)))
                ;; The line holding this lane starts after the block's last newline before it, or
                ;; after the last newline of the blocks before.
                (local.set $before (i32.and (local.get $newlines)
                  (i32.sub (i32.shl (i32.const 1) (local.get $lane)) (i32.const 1))))
                (local.set $lineStart (if (result i32) (local.get $before)
                  (then (i32.sub (i32.add (local.get $block) (i32.const 32)) (i32.clz (local.get $before))))
                  (else (i32.add (global.get $lastNewline) (i32.const 1)))))
                (local.set $lineIndex (i32.add (global.get $lines) (i32.popcnt (local.get $before))))
                (block $needlesDone
                  (loop $eachNeedle
                    (br_if $needlesDone (i32.eqz (local.get $needles)))
                    (local.set $needle (i32.ctz (local.get $needles)))
                    (local.set $needles (i32.and (local.get $needles) (i32.sub (local.get $needles) (i32.const 1))))
                    (local.set $record (i32.add (i32.const 128) (i32.shl (local.get $needle) (i32.const 4))))
                    (local.set $start (i32.sub (i32.add (local.get $block) (local.get $lane)) (i32.load (local.get $record))))
                    (local.set $length (i32.load offset=4 (local.get $record)))
                    ;; A needle holds no newline, so one inside the region lies within this line.
                    (if (i32.and
                          (i32.ge_s (local.get $start) (local.get $lineStart))
                          (i32.le_u (i32.add (local.get $start) (local.get $length)) (local.get $to)))
                      (then
                        (local.set $at (i32.const 0))
                        (block $mismatch
                          (loop $compare
                            (if (i32.lt_u (local.get $at) (local.get $length))
                              (then
                                (br_if $mismatch (i32.ne
                                  (i32.load8_u (i32.add (local.get $start) (local.get $at)))
                                  (i32.load8_u (i32.add (i32.load offset=8 (local.get $record)) (local.get $at)))))
                                (local.set $at (i32.add (local.get $at) (i32.const 1)))
                                (br $compare))))
                          ;; Only the needle's first match in the line.
                          (br_if $mismatch (i32.eq (i32.load offset=96 (i32.shl (local.get $needle) (i32.const 2))) (local.get $lineStart)))
                          (i32.store offset=96 (i32.shl (local.get $needle) (i32.const 2)) (local.get $lineStart))
                          (i32.store (local.get $out) (local.get $lineStart))
                          (i32.store offset=4 (local.get $out) (local.get $needle))
                          (i32.store offset=8 (local.get $out) (local.get $start))
                          (i32.store offset=12 (local.get $out) (local.get $lineIndex))
                          (i32.store offset=16 (local.get $out) (i32.const -1))
                          (local.set $out (i32.add (local.get $out) (i32.const 20))))))
                    (br $eachNeedle)))
                (br $eachLane)))))
        (if (local.get $newlines)
          (then
            ;; Line ends: the first newline of the block at or after each pending match (they are
            ;; in order of position, so the first without one ends the search).
            (block $endsDone
              (loop $eachPending
                (br_if $endsDone (i32.ge_u (local.get $pending) (local.get $out)))
                (local.set $at (i32.sub (i32.load offset=8 (local.get $pending)) (local.get $block)))
                (local.set $after (select
                  (local.get $newlines)
                  (i32.and (local.get $newlines) (i32.sub (i32.const 0) (i32.shl (i32.const 1) (local.get $at))))
                  (i32.lt_s (local.get $at) (i32.const 0))))
                (br_if $endsDone (i32.eqz (local.get $after)))
                (i32.store offset=16 (local.get $pending) (i32.add (local.get $block) (i32.ctz (local.get $after))))
                (local.set $pending (i32.add (local.get $pending) (i32.const 20)))
                (br $eachPending)))
            (if (i32.gt_u
                  (i32.sub (i32.add (local.get $block) (i32.ctz (local.get $newlines))) (i32.add (global.get $lastNewline) (i32.const 1)))
                  (global.get $maxLine))
              (then (global.set $longLines (i32.add (global.get $longLines) (i32.const 1)))))
            (global.set $lines (i32.add (global.get $lines) (i32.popcnt (local.get $newlines))))
            (global.set $lastNewline (i32.sub (i32.add (local.get $block) (i32.const 31)) (i32.clz (local.get $newlines))))))
        (local.set $block (i32.add (local.get $block) (i32.const 16)))
        (br $blocks)))
    ;; Matches in the region's last line, which has no newline in the region: it ends at `to`.
    (block $endsDone
      (loop $eachPending
        (br_if $endsDone (i32.ge_u (local.get $pending) (local.get $out)))
        (i32.store offset=16 (local.get $pending) (local.get $to))
        (local.set $pending (i32.add (local.get $pending) (i32.const 20)))
        (br $eachPending)))
    (global.set $stoppedAt (local.get $to))
    (local.get $out))
)
