/// A small element tree: how one structure artefact or a message header is held while it is decoded.
struct XMLNode {
    var name: String
    var namespaceURI: String?
    /// Attributes by local name (`xml:lang` is `lang`).
    var attributes: XMLAttributes
    var text: String
    var children: [XMLNode]
    var line: Int

    init(name: String, namespaceURI: String?, attributes: XMLAttributes, line: Int) {
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
        // One pass, no array of the names (this runs for each of a code list's codes).
        var first: Int?
        for index in children.indices where children[index].name == "Name" {
            if children[index].attributes["lang"] == "en" { return children[index].text.trimmingSpaces() }
            if first == nil { first = index }
        }
        return first.map { children[$0].text.trimmingSpaces() } ?? ""
    }
}

import SDMXModel

/// Builds ``XMLNode`` trees from parser events for the elements a caller asks to capture, so a
/// reader holds one artefact (or header) at a time rather than the whole document.
struct XMLTreeBuilder {
    private var stack: [XMLNode] = []

    var isCapturing: Bool { !stack.isEmpty }

    /// How many elements are open in the capture (1: the captured root).
    var depth: Int { stack.count }

    /// The name of the captured root, and of the element being captured now.
    var rootName: String? { stack.first?.name }
    var currentName: String? { stack.last?.name }

    /// Starts capturing `element` as a new root, or adds it under the element being captured.
    mutating func start(_ element: XMLElementStart) {
        var attributes = XMLAttributes()
        element.forEachAttribute { attributes.append($0.localName, $0.value) }
        stack.append(
            XMLNode(
                name: element.localName, namespaceURI: element.namespaceURI,
                attributes: attributes, line: element.line))
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: bytes, as: UTF8.self)
    }

    /// Ends the current element and hands it back instead of adding it under its parent: a reader
    /// decodes items of a long list as they end, so the list is never held as a tree.
    mutating func endDetached() -> XMLNode? {
        stack.count > 1 ? stack.popLast() : nil
    }

    /// Ends the current element; returns the finished tree when it was the captured root.
    mutating func end() -> XMLNode? {
        guard let node = stack.popLast() else { return nil }
        if stack.isEmpty { return node }
        stack[stack.count - 1].children.append(node)
        return nil
    }
}
