import SDMXModel

/// Attribute values given on `Group` elements (ECB's sibling group), per group descriptor, by the
/// group's partial key: they apply to every series whose key matches the group's dimensions, and
/// fill the attributes an observation of such a series does not give itself.
struct GroupValues {
    private var values: [[String: [(index: Int, value: String)]]] = []

    var isEmpty: Bool { values.isEmpty }

    mutating func removeAll() {
        values.removeAll()
    }

    /// Keeps a group's values; `groupSlots` holds the dataset's values with the group's placed over them.
    mutating func add(
        id: String?, values given: [ComponentValue], groupSlots: [String?], _ structure: ResolvedStructure
    ) {
        let groups = structure.dataStructure.groups
        guard let descriptor = groups.firstIndex(where: { $0.id == id }) ?? (groups.count == 1 ? 0 : nil) else {
            return
        }
        if values.count != groups.count { values = Array(repeating: [:], count: groups.count) }
        let dimensions = groups[descriptor].dimensionIDs.compactMap(structure.index(of:))
        let key = dimensions.map { groupSlots[$0] ?? "" }.joined(separator: ".")
        values[descriptor][key] = given.compactMap { value in
            guard let index = structure.index(of: value.id), !dimensions.contains(index), !value.value.isEmpty else {
                return nil
            }
            return (index, value.value)
        }
    }

    /// Fills attribute values the observation's groups give and the observation itself does not.
    func apply(to slots: inout [String?], _ structure: ResolvedStructure) {
        for (descriptor, entries) in values.enumerated() where !entries.isEmpty {
            let key = structure.dataStructure.groups[descriptor].dimensionIDs
                .map { id in structure.index(of: id).flatMap { slots[$0] } ?? "" }.joined(separator: ".")
            for (index, value) in entries[key] ?? [] where (slots[index] ?? "").isEmpty {
                slots[index] = value
            }
        }
    }
}
