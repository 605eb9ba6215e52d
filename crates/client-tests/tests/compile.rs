//! The generated API accepts what the docs describe and rejects the rest at
//! compile time.

#[test]
fn generated_api_compiles_where_it_should_and_fails_where_it_should() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
