// The byte-level records and hand-off (ObservationRecord, ObservationBatch, ByteFields, ...) are part of
// the data event interface: every module that sees SDMXModel sees them, as NIO re-exports NIOCore.
@_exported import SDMXBytes
