import Logging
import SDMXModel

/// A log handler that escapes what it is given (``TerminalText``) before another handler writes it.
///
/// Log lines name files that whoever writes to an inbox chose: a newline in a name would forge a log
/// line, an escape sequence would act on the terminal that reads the log. Escaping here, where every
/// line passes, covers every message and metadata value, wherever it was logged from.
public struct EscapingLogHandler: LogHandler {
    private var inner: any LogHandler

    /// Wraps `inner`, which writes what this handler has escaped.
    public init(wrapping inner: any LogHandler) {
        self.inner = inner
    }

    /// swift-log's standard-error handler behind the escaping, for `LoggingSystem.bootstrap`.
    public static func standardError(label: String) -> EscapingLogHandler {
        EscapingLogHandler(wrapping: StreamLogHandler.standardError(label: label))
    }

    /// The wrapped handler's level.
    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    /// The wrapped handler's metadata, as set (escaped only when logged).
    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    /// One of the wrapped handler's metadata values.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    /// Escapes the message and every metadata value given with it, then passes the line to the wrapped handler.
    public func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        inner.log(
            level: level, message: Logger.Message(stringLiteral: TerminalText.escaped(message.description)),
            metadata: metadata.map { $0.mapValues(Self.escaped) }, source: source, file: file, function: function,
            line: line)
    }

    private static func escaped(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(TerminalText.escaped(text))
        case .stringConvertible(let convertible): .string(TerminalText.escaped(convertible.description))
        case .array(let values): .array(values.map(escaped))
        case .dictionary(let values): .dictionary(values.mapValues(escaped))
        }
    }
}
