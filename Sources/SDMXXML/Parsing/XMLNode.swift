/// A small element tree: how one structure artefact or a message header is held while it is decoded.
struct XMLNode {
    var name: String
    var namespaceURI: String?
    /// Attributes by local name (`xml:lang` is `lang`).
    var attributes: [String: String]
    var text: String
    var children: [XMLNode]
    var line: Int

    init(name: String, namespaceURI: String?, attributes: [String: String], line: Int) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.text = ""
        self.children = []
        self.line = line
    }

    subscript(attribute name: String) -> String? { attributes[name] }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The text of the first child with this name, trimmed.
    func childText(_ name: String) -> String? { child(name)?.text.trimmingSpaces() }

    /// The English (or else first) `Name` child.
    var localisedName: String {
        let names = children("Name")
        let english = names.first { $0.attributes["lang"] == "en" } ?? names.first
        return english?.text.trimmingSpaces() ?? ""
    }
}

import SDMXModel

/// Builds ``XMLNode`` trees from parser events for the elements a caller asks to capture, so a
/// reader holds one artefact (or header) at a time rather than the whole document.
struct XMLTreeBuilder {
    private var stack: [XMLNode] = []

    var isCapturing: Bool { !stack.isEmpty }

    /// Starts capturing `element` as a new root, or adds it under the element being captured.
    mutating func start(_ element: XMLElementStart) {
        var attributes: [String: String] = [:]
        element.forEachAttribute { attributes[$0.localName] = $0.value }
        stack.append(XMLNode(name: element.localName, namespaceURI: element.namespaceURI,
                             attributes: attributes, line: element.line))
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: bytes, as: UTF8.self)
    }

    /// Ends the current element; returns the finished tree when it was the captured root.
    mutating func end() -> XMLNode? {
        guard let node = stack.popLast() else { return nil }
        if stack.isEmpty { return node }
        stack[stack.count - 1].children.append(node)
        return nil
    }
}
