import SDMXModel

/// JSON text for the portal's small answers, escaped through the one `JSONWriter`.
enum PortalJSON {
    static func string(_ text: String) -> String {
        JSONWriter.quote(text)
    }
}
