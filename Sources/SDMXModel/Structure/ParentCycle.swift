/// Finds a cycle in item parents (codes, concepts): followed from every item, in linear time.
enum ParentCycle {
    static func find(in items: [(id: String, parent: String?)]) -> [String]? {
        var parent: [String: String] = [:]
        for item in items { if let up = item.parent { parent[item.id] = up } }
        // Only an item with a parent can be on a cycle: a flat list (a million codes) walks nothing.
        guard !parent.isEmpty else { return nil }
        var finished = Set<String>()
        for item in items where parent[item.id] != nil && !finished.contains(item.id) {
            var path: [String] = []
            var onPath = Set<String>()
            var current: String? = item.id
            while let id = current, !finished.contains(id) {
                if onPath.contains(id) {
                    let start = path.firstIndex(of: id) ?? 0
                    return Array(path[start...]) + [id]
                }
                onPath.insert(id)
                path.append(id)
                current = parent[id]
            }
            finished.formUnion(path)
        }
        return nil
    }
}
