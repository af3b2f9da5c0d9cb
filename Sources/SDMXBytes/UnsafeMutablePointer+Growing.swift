extension UnsafeMutablePointer {
    /// A new allocation of `capacity` elements holding this one's first `count` (moved), this one
    /// freed: how the record buffers grow.
    func grown(keeping count: Int, toCapacity capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let larger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        larger.moveInitialize(from: self, count: count)
        deallocate()
        return larger
    }
}
