// The translations are read when compiling (UX-2): a change to them rebuilds the app.
fn main() {
    println!("cargo::rerun-if-changed=locales");
}
