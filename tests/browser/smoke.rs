use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn sanitizer_drops_script() {
    let frag = minh_long_portal::dom::sanitize::sanitize("<p>a</p><script>x()</script>", "https://x.vn/").unwrap();
    let div = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
    div.append_child(&frag).unwrap();
    assert_eq!(div.inner_html(), "<p>a</p>");
}
