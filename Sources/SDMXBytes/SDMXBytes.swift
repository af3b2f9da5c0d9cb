// SDMXBytes: the only module of idac's own code where unsafe constructs live (raw pointers, `Unmanaged`,
// `_withUnsafeGuaranteedRef`, `@unchecked Sendable`), as swift-nio keeps ByteBuffer's. Code outside it
// uses the safe APIs it offers, or closure-scoped ones; the only other unsafe code in idac is what a C
// API forces (libxml2, zlib, libc), confined to the type that owns the C handle (ARCHITECTURE.md,
// "Unsafe code and its rules").
//
// Why it exists: every observation of every file crosses these types, and the per-observation path
// was measured instruction by instruction (README, Performance): arrays' uniqueness checks, bounds
// checks and reference counts cost more there than the work.
//
// What each type guarantees, and the rules its users keep:
//
// - `ByteFields`: a list of byte strings in raw growing buffers, each followed by a terminator byte.
//   Its bytes are valid until it is next changed (`removeAll`, `append…`). The buffers are its own,
//   freed in `deinit`; growing moves them, so no pointer into them is kept across a change.
// - `ObservationRecord`: one observation's values, borrowed: valid during the `DataHandler` call that
//   hands it over only. A handler that keeps a value copies it (into a `String`, `value(at:)`, or
//   through `ShortBytes.copy` into storage of its own). A record lent by a batch
//   (`ObservationBatch.load(_:into:)`) reads the batch's buffers in place and holds the batch, so
//   they outlive the record's use; it is valid until the batch changes.
// - `ObservationBatch`: many records' values, kept past the calls that gave them. A batch belongs to
//   one thread at a time: the producer's until it hands it over through a `BatchQueue`, then the
//   consumer's until it hands it back. The queue's lock is the only synchronisation between them:
//   nothing else is shared.
// - `BatchQueue`: the bounded queue between one producing and one consuming thread; `@unchecked
//   Sendable` because every field is read and written under its `NSCondition`. Its users' tests
//   (DataEventPipeTests, ObservationHandOffTests) run under ThreadSanitizer in CI (.ci/run).
// - `WorkerThread`: runs one half of a job on a thread of its own (16 MB stack) and the other on the
//   caller's, returning once both have; the halves share objects, exchanging work only through a
//   `BatchQueue` and reading what the other set only after it finished. `SideBySide`: tasks run at
//   once, each writing only its own output.
// - `SlotChanges`: the bytes each of the validator's slots last received (at most 64 a slot); the
//   bytes `kept(_:)` lends are valid until that slot next changes.
// - `FixedBuffer`: an owned, non-copyable buffer of raw memory (the validator's layout tables, the
//   datapoint rules' inputs); indices are checked in debug builds only, so its owner keeps them
//   within the layout it sized the buffer for. Its views are lent for a call.
// - `ChunkedArray`: a growing list in fixed chunks of raw memory (the validator's state per series):
//   appending never moves an element; indices are checked; its subscript lends an element's address
//   for the access only (`unsafeAddress`), as Array's does.
// - `TemporaryStack`: the VTL evaluator's operand stack, in memory that lives for one call; made only
//   by `TemporaryStack.with(capacity:_:)` and lent `inout` to its closure (`~Copyable`, no public
//   initialiser, so it cannot be kept); pushes, pops and indices are checked in release builds too.
// - `ShortBytes`: equality and copying of short byte strings by overlapping word loads; the caller
//   gives pointers valid for `length` bytes (which `ByteFields`' terminator and slack make true).
// - `UncountedReference`: a strong reference used without counting it per call. It holds the
//   strong reference itself and cannot be copied (`~Copyable`), so the `Unmanaged` beside it is
//   always backed: the rule "an `Unmanaged` is always backed by a strong reference kept beside it by
//   the same owner" is kept by the type, not by its users.
// - `Unretained`: a copyable unretained reference, for a value a method makes and passes down for
//   the length of one call (the validator's rule inputs), or a table of references whose objects its
//   owner holds strongly in another field (the datapoint rules' programs). Only made through
//   `Unretained.with(_:_:)` (the object outlives the closure) or by an owner that documents the field
//   that keeps the object.
// - `CacheLinePadding`: objects written per observation by one thread and read by the other are
//   padded at both ends, so that neither thread's writes take a cache line the other uses.
//
// Borrowed bytes are handed out only as parameters of a call (`withBytes`-style closures, or
// `UnsafeBufferPointer` parameters of a function that neither stores nor returns them): nothing
// outside this module stores a pointer, and no pointer outlives the call that received it.
