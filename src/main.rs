#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    minh_long_portal::mount::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build it with `trunk build --release` (see README.md).");
    std::process::exit(2);
}
