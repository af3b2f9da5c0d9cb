import Harmonisation
import SDMXValidation

extension FindingCode {
    /// The finding code of something harmonisation could not do: codes of their own, so that a report
    /// tells a band the maps lack from a code the sender got wrong.
    init(_ kind: Harmoniser.Issue.Kind) {
        switch kind {
        case .unknownAgeBand: self = .unmappedAgeBand
        case .straddlingAgeBand: self = .straddlingAgeBand
        case .incompleteAgeBands: self = .incompleteAgeBands
        }
    }
}
