import SDMXModel
/// Renders ``Inspection`` results as text or JSON.
public enum InspectionRenderer {
    /// The inspection as lines of text for a terminal, file names and formats escaped.
    public static func text(_ inspection: Inspection) -> String {
        switch inspection {
        case let .data(file, format, structures, dataSets, series, observations):
            return """
                \(file.printable): \(format.printable)
                  structure: \(structures.isEmpty ? "(none named)" : structures.joined(separator: ", ").printable)
                  datasets: \(dataSets)
                  series: \(series)
                  observations: \(observations)

                """
        case let .structure(file, format, artefacts, unresolved):
            var out =
                "\(file.printable): \(format), \(artefacts.count) artefact\(artefacts.count == 1 ? "" : "s")\n"
            for artefact in artefacts {
                let counts = artefact.counts.map { "\($0.1) \($0.1 == 1 ? singular($0.0) : $0.0)" }.joined(
                    separator: ", ")
                out += "  \(artefact.kind) \(artefact.reference.printable)"
                out += artefact.name.isEmpty ? "" : " \"\(artefact.name.printable)\""
                out += counts.isEmpty ? "\n" : ": \(counts)\n"
            }
            for problem in unresolved { out += "  unresolved: \(problem.printable)\n" }
            return out
        case let .unsupported(file, format):
            return "\(file.printable): \(format.printable)\n"
        }
    }

    /// "agencies" → "agency", "codes" → "code": the count names are plural nouns.
    static func singular(_ noun: String) -> String {
        if noun.hasSuffix("ies") { return noun.dropLast(3) + "y" }
        return noun.hasSuffix("s") ? String(noun.dropLast()) : noun
    }

    /// The inspections as JSON: one object for one file, an array for several.
    public static func json(_ inspections: [Inspection]) -> String {
        let values = inspections.map(object)
        return JSONWriter.encode(values.count == 1 ? values[0] : .array(values)) + "\n"
    }

    static func object(_ inspection: Inspection) -> JSONWriter.Value {
        switch inspection {
        case let .data(file, format, structures, dataSets, series, observations):
            return .object([
                ("file", .string(file)), ("kind", .string("data")), ("format", .string(format)),
                ("structure", .string(structures.isEmpty ? nil : structures.joined(separator: ", "))),
                ("datasets", .int(dataSets)), ("series", .int(series)), ("observations", .int(observations)),
            ])
        case let .structure(file, format, artefacts, unresolved):
            return .object([
                ("file", .string(file)), ("kind", .string("structure")),
                ("format", .string(format)),
                (
                    "artefacts",
                    .array(
                        artefacts.map { artefact in
                            .object([
                                ("kind", .string(artefact.kind)), ("reference", .string(artefact.reference)),
                                ("name", .string(artefact.name)),
                                ("counts", .object(artefact.counts.map { ($0.0, .int($0.1)) })),
                            ])
                        })
                ),
                ("unresolved", .array(unresolved.map { .string($0) })),
            ])
        case let .unsupported(file, format):
            return .object([("file", .string(file)), ("kind", .string("unsupported")), ("format", .string(format))])
        }
    }
}
