import Plot

/// The one script CustomerDNA serves, and only on the pages that have just issued single-use
/// links: they are stored as fingerprints and can never be shown again, so leaving the page
/// before downloading or copying them loses them. The browser's own "leave this page?" dialog
/// asks first. Without JavaScript the page says the same in words; nothing else depends on it.
struct UnsavedLinksScript: Component {
    static let javaScript = """
        (function () {
          var links = document.querySelector("[data-unsaved-links]");
          if (!links) return;
          var kept = false;
          links.addEventListener("click", function (event) {
            if (event.target.closest && event.target.closest("a[download]")) kept = true;
          });
          document.addEventListener("copy", function () { kept = true; });
          window.addEventListener("beforeunload", function (event) {
            if (kept) return;
            event.preventDefault();
            event.returnValue = "";
          });
        })();
        """

    /// The tag that loads it; the policy allows scripts from this server only, never inline.
    var body: Component { El("script", Attr("src", SiteURL.unsavedLinksScript.path), .flag("defer")) }
}
