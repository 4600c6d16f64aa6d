//! The modules of `src/` import one another without a circle (issue 26): no module imports,
//! directly or through others, a module that imports it back. Views read the shared context
//! (`context`) and the router's hooks (`routing::hooks`), never the module that composes the app.
//!
//! The graph is read from the source text: every `crate::…` and `super::…` path, in `use`
//! declarations (with their `{…}` groups) and inline, outside comments, string literals and
//! `#[cfg(test)]` modules, is an edge to the deepest module of `src/` it names. A module's own
//! submodules are part of it: `mod x;` and paths from a parent down into its children (`pub use
//! browser::…`) are how a module is made of files, not imports, so only edges that leave a
//! module's subtree count. `src/bin/` and `src/main.rs` are crates of their own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    assert!(files.len() > 50, "the sources were not found under {}", src.display());
    let graph = graph(&files);
    // The checker sees the edges it is meant to see (a wrong parse would prove nothing).
    assert!(graph["app"].contains("context"), "app → context: {:?}", graph["app"]);
    assert!(graph["routes::article"].contains("routing::hooks"), "{:?}", graph["routes::article"]);
    if let Some(cycle) = find_cycle(&graph) {
        panic!("modules that import each other: {}", cycle.join(" → "));
    }
}

/// Views never import the composition root, and the context and hooks they read import no view.
#[test]
fn views_sit_above_the_context_and_the_hooks() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    let graph = graph(&files);
    for (module, targets) in &graph {
        if module.starts_with("components") || module.starts_with("routes") {
            assert!(!targets.contains("app"), "{module} imports app");
        }
    }
    for module in ["context", "routing::hooks", "load"] {
        let below = reachable(&graph, module);
        let views: Vec<_> = below.iter().filter(|m| m.starts_with("components") || m.starts_with("routes")).collect();
        assert!(views.is_empty(), "{module} depends on views: {views:?}");
    }
}

/// The checker itself: a circle through a `{…}` group, an inline path and `super::` is found; a
/// parent re-exporting its child is not a circle; comments, strings and test modules are skipped.
#[test]
fn the_checker_finds_a_circle_and_only_a_circle() {
    let file = |m: &str, text: &str| (m.to_string(), text.to_string());
    let circle = [
        file("a", "use crate::{b::{Thing, other}, c};\n"),
        file("b", "fn f() { let _ = super::c::g(); }\n"),
        file("c", "fn g() -> String { crate::a::h() }\n"),
    ];
    let cycle = find_cycle(&graph(&circle)).expect("a → b → c → a is a circle");
    assert_eq!(cycle.first(), cycle.last());
    let no_circle = [
        file("p", "#[cfg(x)]\nmod side;\npub use side::fetch;\npub struct Fetched;\n"),
        file("p::side", "use super::Fetched;\npub fn fetch() -> Fetched { Fetched }\n"),
        file("q", "// crate::r::x\nconst S: &str = \"crate::r::y\";\nconst C: char = '\"';\nuse crate::p::fetch;\n"),
        file("r", "use crate::q;\n#[cfg(test)]\nmod tests {\n    use crate::q::S;\n}\n"),
        file("s", "//! [`crate::r`] in a doc comment\nfn f() { crate::r::nothing() }\n"),
    ];
    let g = graph(&no_circle);
    assert_eq!(find_cycle(&g), None, "{g:?}");
    assert_eq!(g["q"], BTreeSet::from(["p".to_string()]));
    assert_eq!(g["p::side"], BTreeSet::from(["p".to_string()]));
    assert!(g["p"].is_empty());
    assert_eq!(g["s"], BTreeSet::from(["r".to_string()]));
}

/// (module path, source text) of every module file under `dir`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src/ is readable").flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let rel = path.strip_prefix(root).expect("under src/").to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if rel != "bin" {
                collect(root, &path, out);
            }
            continue;
        }
        let Some(stem) = rel.strip_suffix(".rs") else { continue };
        if stem == "main" {
            continue;
        }
        let module = match stem {
            "lib" => String::new(),
            _ => stem.strip_suffix("/mod").unwrap_or(stem).replace('/', "::"),
        };
        out.push((module, std::fs::read_to_string(&path).expect("a readable source file")));
    }
}

/// Module → the modules it imports (outside its own subtree).
fn graph(files: &[(String, String)]) -> Graph {
    let modules: BTreeSet<&str> = files.iter().map(|(m, _)| m.as_str()).collect();
    let mut graph = Graph::new();
    for (module, text) in files {
        let code = without_tests(&code_only(text));
        let mut targets = BTreeSet::new();
        for path in paths(&code) {
            let mut segments: Vec<&str> = path.split("::").collect();
            let absolute: Vec<String> = match segments.first() {
                Some(&"crate") => segments.drain(1..).map(str::to_string).collect(),
                Some(&"super") => {
                    let mut base: Vec<String> =
                        module.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
                    let mut rest = &segments[..];
                    while rest.first() == Some(&"super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().map(|s| s.to_string()));
                    base
                }
                _ => continue,
            };
            // The deepest module the path names (the rest are items in it).
            let target =
                (1..=absolute.len()).rev().map(|n| absolute[..n].join("::")).find(|m| modules.contains(m.as_str()));
            let Some(target) = target else { continue };
            let inside = target == *module || module.is_empty() || target.starts_with(&format!("{module}::"));
            if !inside {
                targets.insert(target);
            }
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

/// The text with comments removed and the contents of string and char literals blanked, so that
/// what is left is code.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                let mut depth = 0;
                while i < c.len() {
                    if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            'r' if (c.get(i + 1) == Some(&'"') || c.get(i + 1) == Some(&'#'))
                && !c.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_') =>
            {
                // A raw string: r"…", r#"…"#.
                let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
                if c.get(i + 1 + hashes) != Some(&'"') {
                    out.push(c[i]);
                    i += 1;
                    continue;
                }
                i += 2 + hashes;
                while i < c.len()
                    && !(c[i] == '"' && c[i + 1..].iter().take(hashes).filter(|&&ch| ch == '#').count() == hashes)
                {
                    i += 1;
                }
                i += 1 + hashes;
                out.push_str("\"\"");
            }
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            '\'' if c.get(i + 1) == Some(&'\\') => {
                // An escaped char literal: '\'', '\\', '\u{…}'.
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            }
            '\'' if c.get(i + 2) == Some(&'\'') => {
                i += 3;
                out.push_str("' '");
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}

/// The code without its `#[cfg(test)] mod … { … }` blocks (a test module's `super::` is its own file).
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        let is_mod = after.starts_with("mod ") && after.find(['{', ';']).is_some_and(|e| after.as_bytes()[e] == b'{');
        if !is_mod {
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&rest[..at]);
        let open = rest.len() - after.len() + after.find('{').expect("checked");
        let mut depth = 0;
        let mut end = rest.len();
        for (k, b) in rest.bytes().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every `crate::…` / `super::…` path in `code`: those of `use` trees expanded, and inline ones.
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let word_start =
        |k: usize| k == 0 || !(bytes[k - 1].is_ascii_alphanumeric() || bytes[k - 1] == b'_' || bytes[k - 1] == b':');
    // `use` declarations, with their groups.
    let mut from = 0;
    while let Some(at) = code[from..].find("use ").map(|a| a + from) {
        from = at + 4;
        if !word_start(at) {
            continue;
        }
        let Some(end) = code[at..].find(';').map(|e| e + at) else { break };
        let tree = code[at + 4..end].trim();
        if tree.starts_with("crate::") || tree.starts_with("super::") {
            expand("", tree, &mut found);
        }
    }
    // Inline paths (and the heads of the `use` trees again, which add nothing new).
    for head in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(head).map(|a| a + from) {
            from = at + head.len();
            if !word_start(at) {
                continue;
            }
            let len = code[at..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == ':'))
                .unwrap_or(code.len() - at);
            found.push(code[at..at + len].trim_end_matches(':').to_string());
        }
    }
    found
}

/// `prefix` + a use tree such as `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        // `a::b as c`: the path is `a::b`.
        let path = tree.split_whitespace().next().unwrap_or_default();
        out.push(format!("{prefix}{}", path.trim_end_matches("::*").trim_end_matches("::self")));
        return;
    };
    let head = format!("{prefix}{}", tree[..open].trim());
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in body.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&head, &body[start..k], out);
                start = k + 1;
            }
            _ => {}
        }
    }
    if !body[start..].trim().is_empty() {
        expand(&head, &body[start..], out);
    }
    if body.trim().is_empty() {
        out.push(head.trim_end_matches("::").to_string());
    }
}

/// A circle of imports, as the modules along it (the first repeated at the end), if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit<'g>(
        m: &'g str,
        graph: &'g Graph,
        marks: &mut BTreeMap<&'g str, Mark>,
        path: &mut Vec<&'g str>,
    ) -> Option<Vec<String>> {
        marks.insert(m, Mark::Open);
        path.push(m);
        for next in graph.get(m).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = path.iter().position(|p| *p == next.as_str()).expect("an open module is on the path");
                    let mut cycle: Vec<String> = path[from..].iter().map(|s| s.to_string()).collect();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, graph, marks, path) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(m, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for m in graph.keys() {
        if marks.get(m.as_str()).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(cycle) = visit(m, graph, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

/// Every module `from` imports, directly or through others.
fn reachable(graph: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(m) = todo.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}
