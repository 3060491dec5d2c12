/// The one stylesheet, served from the app itself (no CDN), built on `DesignTokens`:
/// high-contrast colours, a visible focus ring, and layouts that reflow on a phone.
enum Stylesheet {
    static let css = """
        \(DesignTokens.cssProperties)
        * { box-sizing: border-box; }
        body { margin: 0; font: var(--text-base)/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; }
        header.site { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--soft); }
        header.site .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        header.site nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        header.site .signout { margin-left: auto; display: flex; gap: .5rem; align-items: center; color: var(--muted); }
        main { max-width: 70rem; margin: 0 auto; padding: 1.25rem; }
        footer { color: var(--muted); border-top: 1px solid var(--line); padding: 1rem 1.25rem; font-size: .875rem; }
        h1 { font-size: var(--text-xxl); margin: .5rem 0 1rem; }
        h2 { font-size: var(--text-lg); margin-top: 2rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--soft); }
        .tree, .tree ul { list-style: none; padding-left: 1.25rem; border-left: 2px solid var(--line); }
        .tree { padding-left: .5rem; }
        .tree li { margin: .25rem 0; }
        .code { font-family: ui-monospace, monospace; color: var(--muted); font-size: .875rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
        .cards li { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
        .stat { font-size: var(--text-stat); font-weight: 700; display: block; }
        .next-steps { padding: 0; list-style: none; display: grid; gap: .75rem; }
        .next-steps li { border-left: 4px solid var(--accent); padding: .5rem 1rem; background: var(--soft); }
        .next-steps p { margin: 0 0 .25rem; }
        .respond .organization { color: var(--muted); margin: 0; }
        .uncertain { border-left: 4px solid var(--bad); padding: .25rem .75rem; }
        .empty-state { border: 1px dashed var(--muted); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; background: var(--soft); }
        form.stack { display: grid; gap: .75rem; max-width: 28rem; }
        label { font-weight: 600; }
        input, textarea, select { font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; }
        input[type=checkbox], input[type=radio] { width: auto; margin: 0 .5rem 0 0; vertical-align: middle; }
        label.check { display: flex; align-items: flex-start; gap: .5rem; font-weight: 400; margin: .2rem 0; }
        label.check input { margin: .3rem 0 0; flex: none; }
        textarea { min-height: 10rem; font-family: ui-monospace, monospace; }
        button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: var(--bg); cursor: pointer; }
        header.site button { background: transparent; color: var(--accent); border: 1px solid var(--accent); padding: .25rem .75rem; }
        .error { border-left: 4px solid var(--bad); background: var(--bad-soft); padding: .75rem 1rem; }
        .error li { font-family: ui-monospace, monospace; font-size: .875rem; }
        .notice { border-left: 4px solid var(--accent); background: var(--soft); padding: .75rem 1rem; }
        .split { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
        svg.chart { width: 100%; height: auto; max-width: 100%; }
        .chart-frame { margin: 0 0 var(--space-4); min-width: 0; }
        .chart-frame .chart-title { font-weight: 600; padding-bottom: var(--space-1); }
        .chart-caption, .help { color: var(--muted); font-size: var(--text-sm); margin: var(--space-1) 0; }
        .chart-table summary { font-weight: 400; color: var(--accent); }
        .lead { max-width: 48rem; }
        .field-error { color: var(--bad); font-weight: 600; margin: 0; }
        .field-error::before { content: "Check this: "; }
        [aria-invalid=true] { border: 2px solid var(--bad); }
        svg.heatmap { min-width: 36rem; }
        .los-figure { margin: 0 0 1rem; }
        .los-figure figcaption { color: var(--muted); font-size: .875rem; padding-top: .25rem; }
        .los-scroll { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 6px; }
        svg.los-graph { display: block; max-width: none; }
        svg.los-graph.fit { width: 100%; height: auto; }
        .los-graph .edge { stroke: var(--edge); stroke-width: 1.2; }
        .los-graph .edge.on-path { stroke: var(--accent); stroke-width: 2.5; }
        .los-graph .off-path { opacity: .3; }
        .los-graph a:hover rect, .los-graph a:focus rect { stroke: var(--focus); stroke-width: 3.5; }
        .los-graph a:focus { outline: none; }
        .los-graph a.selected rect { stroke: var(--accent); stroke-width: 4; }
        form.filters { align-items: flex-end; }
        form.filters > div { min-width: 11rem; }
        .node-details { border: 2px solid var(--accent); border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        section { overflow-x: auto; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: 1rem; }
        a.button { display: inline-block; padding: .5rem 1rem; background: var(--accent); color: var(--bg); border-radius: 4px; text-decoration: none; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        .row { display: grid; grid-template-columns: 1fr 6rem; gap: .5rem; align-items: center; margin: .25rem 0; }
        .respond { max-width: 40rem; margin: 0 auto; }
        .respond progress { width: 100%; height: 1rem; }
        .organization img.logo { height: 48px; width: auto; max-width: 12rem; object-fit: contain; vertical-align: middle; margin-right: .5rem; }
        .button-sample { display: inline-block; padding: .5rem 1rem; background: var(--accent); color: var(--bg); border-radius: 4px; }
        .brand-preview { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1.5rem; }
        .respond form.language { display: flex; gap: .5rem; align-items: center; justify-content: flex-end; margin: 0 0 .5rem; }
        .respond form.language label { margin: 0; }
        .respond form.language select, .respond form.language button { width: auto; min-height: 2.75rem; }
        .choice { display: flex; align-items: center; gap: .6rem; padding: .35rem 0; }
        .choice input { width: 1.4rem; height: 1.4rem; flex: none; margin: 0; }
        .choice label { font-weight: 400; flex: 1; padding: .2rem 0; cursor: pointer; }
        .choice.not-applicable { border-top: 1px solid var(--line); margin-top: .5rem; padding-top: .6rem; }
        .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0 2rem; }
        button.secondary { background: var(--bg); color: var(--accent); border: 2px solid var(--accent); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .experiment { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
        .experiment dt { font-weight: 600; }
        .experiment dd { margin: 0 0 .5rem; }
        ol.links code { word-break: break-all; }
        form.inline { display: inline; }
        form.inline-links { display: flex; gap: .5rem; align-items: center; }
        form.inline-links input[type=number] { width: 7rem; }
        table.members form.inline { display: inline-block; margin: 0 .4rem .4rem 0; }
        table.members label { font-weight: normal; font-size: .85rem; }
        details { margin: .75rem 0; }
        summary { cursor: pointer; font-weight: 600; padding: .25rem 0; }
        .flag { color: var(--bad); }
        @media (max-width: 40rem) { .split { grid-template-columns: 1fr; } }
        pre { overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        td, code { overflow-wrap: anywhere; }
        /* Headings and labels may hold an e-mail address or a name with no space to break at. */
        h1, h2, label { overflow-wrap: anywhere; }
        @media (max-width: 40rem) {
          header.site { gap: .5rem; padding: .5rem .75rem; }
          header.site nav { order: 3; width: 100%; }
          header.site nav ul { flex-wrap: nowrap; overflow-x: auto; gap: .9rem; padding-bottom: .25rem; white-space: nowrap; }
          header.site .signout { margin-left: auto; }
          main { padding: .75rem; }
          .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem; }
          .cards li { padding: .5rem .75rem; }
          .stat { font-size: var(--text-xl); }
          table.stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.stacked, table.stacked tbody, table.stacked tr, table.stacked td { display: block; width: 100%; }
          table.stacked tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .75rem; padding: .25rem .75rem; }
          table.stacked td { border: 0; padding: .2rem 0; }
          table.stacked td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; font-size: .8rem; color: var(--muted); }
          table.stacked td:empty { display: none; }
        }
        """
}
