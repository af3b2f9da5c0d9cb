@testable import SDMXREST
import Testing

@Suite struct VersionSelectorTests {
    private func selector(_ text: String) throws -> VersionSelector { try VersionSelector.parseV2(text) }

    @Test func semanticWildcardsAsQueryingVersionsSays() throws {
        #expect(try selector("1.+.0").admits("1.4.2"))
        #expect(try !selector("1.+.0").admits("2.0.0"))
        #expect(try !selector("1.+.0").admits("1.4.2-draft"), "+ is for stable versions")
        #expect(try selector("1.2+.0").admits("1.3.0"))
        #expect(try !selector("1.2+.0").admits("1.1.9"))
        #expect(try selector("1.2.3~").admits("1.2.4-draft"))
        #expect(try !selector("1.2.3~").admits("1.2.2"))
        #expect(try selector("~.0").admits("3.1"))
        #expect(try !selector("~.0").admits("3.1.0"))
        #expect(try selector("2*.1").admits("2.1") && selector("2*.1").admits("3.0"))
        #expect(try !selector("2*.1").admits("1.9"))
        #expect(try selector("+.0.0").admits("1.0.0") && !selector("+.0.0").admits("0.9.0"))
        #expect(try selector("1.0.0-draft") == .exact("1.0.0-draft"))
    }

    /// sdmx1's 2.x default version is `+`; the Alliance's 2.1 structures have `X.Y` versions.
    @Test func latestStableAcceptsLegacyVersions() throws {
        #expect(try selector("+").admits("1.0"))
        #expect(try !selector("+").admits("1.0.0-draft"))
        #expect(try !selector("+").admits("0.1"))
    }
}
