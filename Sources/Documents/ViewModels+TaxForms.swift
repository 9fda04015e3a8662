/// One row of a form: what, and its value.
public struct FieldView: Sendable, Hashable, Codable {
    /// The field's name.
    public var field: String
    /// Its value.
    public var value: String
}

/// A titled group of rows.
public struct FormSectionView: Sendable, Hashable, Codable {
    /// The section's title.
    public var title: String
    /// Its rows.
    public var rows: [FieldView]
}

/// Who signs a form, and when.
public struct SignatureView: Sendable, Hashable, Codable {
    /// The signer's name.
    public var name: String
    /// The signer's title.
    public var title: String
    /// "Signed for … on …".
    public var line: String
}

/// Everything a vendor-form or regional-form packet prints: a cover letter, the vendor's data in
/// sections, a signature block (vendor form) and the request's summary.
public struct TaxFormView: Sendable, Hashable, Codable {
    /// What `base.html` prints around the document: language, title, letterhead, page, running header.
    public var frame: DocumentFrameView
    /// The date of the packet.
    public var issueDate: String
    /// Who asked.
    public var recipient: W9PacketView.Recipient
    /// The cover letter.
    public var letter: W9PacketView.Letter
    /// The vendor's data, by section.
    public var sections: [FormSectionView]
    /// The signature block, on a vendor form.
    public var signature: SignatureView?
    /// The request's summary.
    public var request: W9PacketView.Request
}
