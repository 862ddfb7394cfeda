#ifndef GOVREPORT_COMMON_TEXT_FOLD_H_
#define GOVREPORT_COMMON_TEXT_FOLD_H_

namespace govreport::text {

// Folds one code point to the form the matchers see. Always one code point for one, so offsets
// in folded text are offsets in the original:
//  - full-width ASCII (Ｕ+FF01..FF5E) to ASCII, ideographic and other spaces to ' ';
//  - dash and minus variants (－ — – ― ‐ −) to '-', '～' to '~', '．' to '.', '，' to ',';
//  - traditional characters to simplified (character level, from OpenCC's TSCharacters table,
//    one-to-one entries only);
//  - ASCII letters to lower case is NOT done (GDP stays GDP).
// Thread-safe; the table is built once on first use.
char32_t FoldCodePoint(char32_t c);

// The table behind FoldCodePoint for the BMP (0x10000 entries), for loops that fold whole texts:
// FoldCodePoint(c) == (c < 0x10000 ? BmpFoldTable()[c] : c).
const char16_t* BmpFoldTable();

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_FOLD_H_
