@testable import IDACPipeline
@testable import IDACSubmission
import SDMXInput
import Testing

/// The digest that tells the repository a file it has already ingested.
@Suite struct SHA256Tests {
    func digest(_ bytes: [UInt8], chunk: Int) -> String {
        var hasher = SHA256()
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { hasher.update($0) }
            start = end
        }
        return hasher.finalize()
    }

    /// FIPS 180-4's examples, and the same digest whatever the chunks the file arrives in.
    @Test(arguments: [1, 3, 63, 64, 65, 1000, 1 << 20])
    func knownDigestsWhateverTheChunks(chunk: Int) {
        #expect(digest([], chunk: chunk) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            digest(Array("abc".utf8), chunk: chunk)
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), chunk: chunk)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), chunk: chunk)
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
