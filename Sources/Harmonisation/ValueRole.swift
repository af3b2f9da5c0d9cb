import SDMXModel

/// What a component's value is to the ``Harmoniser``: decided by the component's id once per position of
/// an observation's values (``PositionalLookup``), not by comparing each value's id with five names.
enum ValueRole {
    /// A country code (REF_AREA, COUNTRY_ORIGIN), mapped to ISO 3166 alpha-3.
    case area
    /// UNIT_MULT, applied to the value.
    case unitMultiplier
    /// OBS_STATUS, set to `O` for a missing value when not given.
    case status
    /// The primary measure (OBS_VALUE, or a generic message's `ObsValue`).
    case measure
    /// AGE, mapped to the Alliance's bands.
    case age
    /// Anything else, passed on as it is.
    case other

    init(id: String) {
        switch id {
        case _ where Harmoniser.areaComponents.contains(id): self = .area
        case "UNIT_MULT": self = .unitMultiplier
        case "OBS_STATUS": self = .status
        case "OBS_VALUE", ComponentValue.primaryMeasureID: self = .measure
        case "AGE": self = .age
        default: self = .other
        }
    }
}
