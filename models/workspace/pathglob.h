#pragma once

#include <QRegularExpression>
#include <QString>

namespace gitops {

/// Argo CD's glob for `spec.source.directory.include` / `exclude` (gobwas/glob without
/// separators, as its repo server compiles it): `*` any run of characters, '/' included;
/// `?` one character; `[abc]`, `[a-z]`, `[!abc]`; `{a,b,c}` alternatives, nested; `\` quotes
/// the next character. Matched against the whole path relative to the app's folder. An
/// unbalanced pattern gives an invalid expression, which matches nothing. A pure function.
QRegularExpression argoCdGlob(const QString &pattern);

} // namespace gitops
