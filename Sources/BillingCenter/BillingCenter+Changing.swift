import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// What every form that changes an account goes through: signed in, the account visible, the
/// form's CSRF token, and the same authority the CLI's changes check.
///
/// The change itself is the store's action — `StoreAction.change`, `.cancel`, `.setPaymentMethod`…
/// — applied as an event dated today whose actor is the signed-in user, exactly as
/// `ledgerprint subscription change … --as EMAIL` applies it; the rules (proration, who may move to
/// a lower plan, corporate frequency) are the store's and ``Account/authorize(_:to:)``'s, not the web's.
extension BillingCenter {
    /// A form that changes an account, read and checked.
    struct ChangeRequest {
        /// The page context of the request (language, session).
        var page: PageContext
        /// The account it changes.
        var account: Account
        /// Who asks.
        var user: WebUser
        /// The form's fields.
        var fields: [String: String]
    }

    /// Whether `user` may change `account` on the web.
    ///
    /// A representative may; so may a user with the role `contact` who is the account's billing
    /// contact (by e-mail, as the account names them — the rule `Account.authorize` applies to the
    /// CLI's `--as`). A user with the role `user` only looks.
    func mayChange(_ account: Account, _ user: WebUser) -> Bool {
        user.role == .representative || (user.role == .contact && account.isBillingContact(user.actor))
    }

    /// Checks a POST that changes account `accountID` and runs `body` with it.
    ///
    /// Without a session: 303 to the sign-in page. An account the user may not see: 404. A form
    /// without its CSRF token: 403 "the form had expired". A user who may see but not change the
    /// account: 403 with the manage page's explanation. A billing rule's refusal (a lower plan, a
    /// corporate account's frequency, a full card number) is the manage page again with the rule's
    /// message, as the CLI prints it.
    func changing(
        _ request: Request,
        accountID: String,
        answeredOn pageName: ChangePage = .manage,
        _ body: (ChangeRequest) throws -> Response
    ) async throws -> Response {
        func refusalPage(
            _ page: PageContext,
            account: Account,
            message: String,
            status: HTTPResponse.Status
        ) throws -> Response {
            switch pageName {
            case .manage: return try self.managePage(page, account: account, message: message, status: status)
            case .corporate: return try corporatePage(page, account: account, message: message, status: status)
            case .desk: return try deskPage(page, account: account, message: message, status: status)
            }
        }
        guard let page = try signedIn(request), let session = page.session else {
            return Self.redirect(to: "/sign-in")
        }
        let account = try visibleAccount(accountID, session)
        let fields = try await form(request, csrfFor: page.sessionToken)
        guard mayChange(account, session.user) else {
            return try refusalPage(
                page,
                account: account,
                message: label("onlyContactMayChange", page.language),
                status: .forbidden
            )
        }
        do {
            return try body(ChangeRequest(page: page, account: account, user: session.user, fields: fields))
        } catch let refusal as Refusal {
            return try refusalPage(page, account: account, message: refusal.message, status: refusal.status)
        } catch let error as BillingError {
            return try refusalPage(page, account: account, message: error.description, status: Self.status(of: error))
        } catch let error as StoreError {
            switch error {
            case .rejected(let billing):
                return try refusalPage(
                    page,
                    account: account,
                    message: billing.description,
                    status: Self.status(of: billing)
                )
            case .outOfDateOrder, .duplicate:
                return try refusalPage(page, account: account, message: error.description, status: .conflict)
            default: throw error
            }
        }
    }

    /// Applies `action` as `user` today, or with `preview` only shows what it would do (the
    /// store's preview: applied in a transaction that is rolled back), as the CLI's `--preview`.
    @discardableResult
    func perform(_ action: StoreAction, by user: WebUser, preview: Bool = false) throws(StoreError) -> ApplyResult {
        let event = StoreEvent(date: today, actor: user.actor, action: action)
        return preview ? try store.preview(event) : try store.apply(event)
    }

    /// The page after a change, saying what was done (`done-KEY` of the labels).
    func done(_ account: Account, _ key: String, on page: ChangePage = .manage) -> Response {
        Self.redirect(to: "/accounts/" + Self.pathSegment(account.id) + "/" + page.rawValue + "?done=" + key)
    }

    /// The page a form that changes an account answers on: its own, with the message of a refusal.
    enum ChangePage: String {
        /// *Manage*: subscriptions, payment method, billing contact.
        case manage
        /// *Orders and quotes*: purchase orders and quotes.
        case corporate
        /// *Desk*: a representative's payments and voids.
        case desk
    }

    /// 403 for a rule about who may, 422 for a value or state the rules refuse.
    static func status(of error: BillingError) -> HTTPResponse.Status {
        if case .notAllowed = error { return .forbidden }
        return .unprocessableContent
    }
}

/// A form the web refuses before the store sees it (a missing field, seats that are not a number).
struct Refusal: Error {
    /// For the person, in their language.
    var message: String
    /// The answer's status.
    var status: HTTPResponse.Status = .unprocessableContent
}
