//! The site as static HTML: every route rendered by the same Leptos views the browser runs
//! (`ssr`), written into the built `dist/` around Trunk's own `index.html`. See README.md,
//! "Prerendered pages".

pub mod head;
pub mod page;
pub mod publish;
pub mod sanitize;
pub mod site;
pub mod widgets;
