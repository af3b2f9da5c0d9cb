/// Receives the events of ``XMLPushParser``. Element and attribute text is borrowed from libxml2
/// and valid only during the call.
protocol XMLEventHandler: AnyObject {
    func startElement(_ element: XMLElementStart) throws
    func endElement() throws
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// A start tag as libxml2's SAX2 interface reports it, with the line and column where its `<` is.
struct XMLElementStart {
    let localNamePointer: UnsafePointer<UInt8>
    let namespacePointer: UnsafePointer<UInt8>?
    let attributeCount: Int
    /// Five pointers per attribute: local name, prefix, namespace URI, value start, value end.
    let attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let line: Int
    let column: Int

    var localName: String { String(cString: localNamePointer) }
    var namespaceURI: String? { namespacePointer.map { String(cString: $0) } }

    /// Compares the local name without making a String.
    func hasLocalName(_ name: StaticString) -> Bool {
        Self.isName(localNamePointer, name)
    }

    func forEachAttribute(_ body: (XMLAttributeView) throws -> Void) rethrows {
        guard let attributes else { return }
        for index in 0..<attributeCount {
            let base = attributes + index * 5
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            try body(
                XMLAttributeView(
                    localNamePointer: name, namespacePointer: base[2],
                    value: UnsafeBufferPointer(start: start, count: end - start)))
        }
    }

    /// The bytes of the attribute with this local name (any namespace), if present: no text is made.
    func attributeBytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes else { return nil }
        for index in 0..<attributeCount {
            let base = attributes + index * 5
            guard let localName = base[0], let start = base[3], let end = base[4] else { continue }
            if Self.isName(localName, name) { return UnsafeBufferPointer(start: start, count: end - start) }
        }
        return nil
    }

    /// Whether a NUL-terminated name is `expected`.
    static func isName(_ pointer: UnsafePointer<UInt8>, _ expected: StaticString) -> Bool {
        expected.withUTF8Buffer { expected in
            var pointer = pointer
            for byte in expected {
                guard pointer.pointee == byte else { return false }
                pointer += 1
            }
            return pointer.pointee == 0
        }
    }

    /// The value of the attribute with this local name (any namespace), if present.
    func attribute(_ name: String) -> String? {
        var found: String?
        forEachAttribute { attribute in
            if found == nil, attribute.localName == name { found = attribute.value }
        }
        return found
    }
}

/// One attribute of a start tag, borrowed.
struct XMLAttributeView {
    let localNamePointer: UnsafePointer<UInt8>
    let namespacePointer: UnsafePointer<UInt8>?
    let valueBytes: UnsafeBufferPointer<UInt8>

    init(
        localNamePointer: UnsafePointer<UInt8>, namespacePointer: UnsafePointer<UInt8>?,
        value: UnsafeBufferPointer<UInt8>
    ) {
        self.localNamePointer = localNamePointer
        self.namespacePointer = namespacePointer
        self.valueBytes = value
    }

    var localName: String { String(cString: localNamePointer) }
    var namespaceURI: String? { namespacePointer.map { String(cString: $0) } }
    var hasNamespace: Bool { namespacePointer != nil }
    var value: String { String(decoding: valueBytes, as: UTF8.self) }
}
