/// Why an Italian invoice line charges no VAT: the *Natura* code of FatturaPA (w9-einvoice.md §2.4, §3.1).
///
/// The generic codes N2, N3 and N6 are still in the schema but the SdI refuses them since
/// 1 January 2021, so they are not offered here.
public enum VATNature: String, Sendable, Hashable, Codable, CaseIterable {
    /// Escluse ex art. 15.
    case excluded = "N1"
    /// Non soggette ad IVA ai sensi degli artt. da 7 a 7-septies (services to a business abroad).
    case notSubjectPlaceOfSupply = "N2.1"
    /// Non soggette – altri casi (such as the flat-rate regime).
    case notSubjectOther = "N2.2"
    /// Non imponibili – esportazioni.
    case exportNotTaxable = "N3.1"
    /// Non imponibili – cessioni intracomunitarie.
    case intraEUSupplyNotTaxable = "N3.2"
    /// Non imponibili – cessioni verso San Marino.
    case sanMarinoNotTaxable = "N3.3"
    /// Non imponibili – operazioni assimilate alle cessioni all'esportazione.
    case assimilatedExportNotTaxable = "N3.4"
    /// Non imponibili – a seguito di dichiarazioni d'intento.
    case declarationOfIntentNotTaxable = "N3.5"
    /// Non imponibili – altre operazioni che non concorrono alla formazione del plafond.
    case otherNotTaxable = "N3.6"
    /// Esenti (art. 10).
    case exempt = "N4"
    /// Regime del margine / IVA non esposta in fattura.
    case margin = "N5"
    /// Inversione contabile – cessione di rottami e altri materiali di recupero.
    case reverseChargeScrap = "N6.1"
    /// Inversione contabile – cessione di oro e argento.
    case reverseChargeGold = "N6.2"
    /// Inversione contabile – subappalto nel settore edile.
    case reverseChargeSubcontracting = "N6.3"
    /// Inversione contabile – cessione di fabbricati.
    case reverseChargeBuildings = "N6.4"
    /// Inversione contabile – cessione di telefoni cellulari.
    case reverseChargeMobilePhones = "N6.5"
    /// Inversione contabile – cessione di prodotti elettronici.
    case reverseChargeElectronics = "N6.6"
    /// Inversione contabile – prestazioni comparto edile e settori connessi.
    case reverseChargeConstruction = "N6.7"
    /// Inversione contabile – operazioni settore energetico.
    case reverseChargeEnergy = "N6.8"
    /// Inversione contabile – altri casi.
    case reverseChargeOther = "N6.9"
    /// IVA assolta in altro stato UE (OSS, distance sales and e-services to consumers).
    case vatPaidInOtherMemberState = "N7"

    /// The code written in `Natura`, such as "N2.1".
    public var code: String { rawValue }
}
