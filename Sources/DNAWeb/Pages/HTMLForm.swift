import Plot

/// Pieces of forms written as HTML text, for the controls Plot has no typed nodes for
/// (fieldset, legend, select options with text).
enum HTMLForm {
    static func csrf(_ token: String?) -> String {
        "<input type=\"hidden\" name=\"\(AuthMiddleware.csrfField)\" value=\"\(Charts.escape(token ?? ""))\">"
    }

    static func csrfNode(_ token: String?) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(AuthMiddleware.csrfField), .escaped("value", token ?? ""))
    }
}
