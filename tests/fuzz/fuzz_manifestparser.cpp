// Manifest parsing (manifest/manifestparser): any file's bytes give resources and notes,
// never a crash; every resource has a kind and a name, and its lines are the file's.

#include "fuzztarget.h"

#include "manifest/manifestparser.h"

using namespace gitops::manifest;

GITOPS_FUZZ_TARGET(manifestparser)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString file = QStringLiteral("apps/fuzz/manifest.yaml");
    const ParsedManifests parsed = parseManifests(bytes, file);
    const int lastLine = int(bytes.count('\n') + bytes.count('\r')) + 1;
    for (const Resource &resource : parsed.resources) {
        FUZZ_CHECK(!resource.id.kind.isEmpty(), resource.id.toString());
        FUZZ_CHECK(resource.file == file, resource.file);
        FUZZ_CHECK(resource.line >= 1 && resource.line <= lastLine, QString::number(resource.line));
        for (auto it = resource.fieldLines.cbegin(); it != resource.fieldLines.cend(); ++it)
            FUZZ_CHECK(it.value() >= 1 && it.value() <= lastLine, it.key());
    }
    for (const SourceNote &note : parsed.notes) {
        FUZZ_CHECK(!note.message.isEmpty(), note.toString());
        FUZZ_CHECK(note.line >= 0 && note.line <= lastLine, note.toString());
    }
    (void)looksLikeText(bytes);
    return 0;
}
