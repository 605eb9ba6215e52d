//! Inputs the fuzzer found that once made the reader panic.

use docgen_page::parse_page;

#[test]
fn a_comment_opener_that_touches_its_closer_is_read() {
    let (page, diagnostics) = parse_page("api/page.md", "<!-->");
    assert!(diagnostics.is_empty());
    assert!(page.metadata.is_empty());

    let (page, _) = parse_page(
        "api/page.md",
        "<!--> { \"blockType\": \"ignored\" } -->\n```http\nGET /me\n```\n",
    );
    assert_eq!(page.code_blocks.len(), 1);
}
