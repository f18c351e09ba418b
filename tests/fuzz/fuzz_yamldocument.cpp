// YAML documents with source spans (manifest/yamldocument): any bytes either read as
// documents or give an error with a place; every recorded line of a value is a line of the
// input, and every pointer that has a line names a value of its document.

#include "fuzztarget.h"

#include "manifest/yamldocument.h"

using namespace gitops::manifest;

GITOPS_FUZZ_TARGET(yamldocument)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = parseYamlDocuments(bytes);
    // yaml-cpp counts CR, LF and CR LF as line breaks: at most one line per CR or LF.
    const int lastLine = int(bytes.count('\n') + bytes.count('\r')) + 1;
    if (const auto *error = std::get_if<YamlError>(&parsed)) {
        FUZZ_CHECK(!error->message.isEmpty(), QString());
        FUZZ_CHECK(error->line >= 0 && error->line <= lastLine, QString::number(error->line));
        return 0;
    }
    for (const YamlDocument &document : std::get<QList<YamlDocument>>(parsed)) {
        FUZZ_CHECK(document.line >= 1 && document.line <= lastLine, QString::number(document.line));
        for (auto it = document.lines.cbegin(); it != document.lines.cend(); ++it) {
            FUZZ_CHECK(it.value() >= 1 && it.value() <= lastLine,
                       it.key() + u' ' + QString::number(it.value()));
            FUZZ_CHECK(!gitops::fuzz::valueAtPointer(document.value, it.key()).isUndefined(),
                       it.key());
        }
    }
    return 0;
}
