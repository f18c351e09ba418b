#pragma once

// One fuzz target per parser (tests/fuzz/fuzz_*.cpp), each written once as
//
//     GITOPS_FUZZ_TARGET(name) { ...use data and size...; return 0; }
//
// With -DGITOPS_FUZZ_LIBFUZZER (the `fuzz` preset, clang) that is libFuzzer's
// LLVMFuzzerTestOneInput and the file becomes its own fuzzer executable. Otherwise (the dev
// and asan builds) it registers the function under its name with gitops-fuzz-replay
// (replay.cpp), which runs it over the target's seeds and their deterministic mutations as
// a test. A broken invariant aborts with FUZZ_CHECK, so both find it the way they find a
// crash.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace gitops::fuzz {

using TargetFunction = int (*)(const uint8_t *data, size_t size);

/// Adds @p function to the replay's table under @p name (at static initialisation).
struct Registration
{
    Registration(const char *name, TargetFunction function);
};

[[noreturn]] inline void checkFailed(const char *condition, const char *file, int line,
                                     const QString &detail)
{
    std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed%s%s\n", file, line, condition,
                 detail.isEmpty() ? "" : ": ", detail.toUtf8().constData());
    std::abort();
}

/// Takes values off the front of a fuzzer's input: the first bytes choose what to do with
/// the rest (where to cut a stream, which value of a file to edit).
class InputBytes
{
public:
    InputBytes(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data))
        , m_size(qsizetype(size))
    { }
    bool atEnd() const { return m_offset >= m_size; }
    quint8 byte() { return atEnd() ? 0 : quint8(m_data[m_offset++]); }
    quint16 number() { return quint16(byte() | (byte() << 8)); }
    /// Up to the next newline (taken, not returned), or to the end.
    QByteArray line()
    {
        const QByteArrayView rest(m_data + m_offset, m_size - m_offset);
        const qsizetype end = rest.indexOf('\n');
        const QByteArray taken = (end < 0 ? rest : rest.first(end)).toByteArray();
        m_offset += end < 0 ? rest.size() : end + 1;
        return taken;
    }
    QByteArray rest()
    {
        const QByteArray taken(m_data + m_offset, m_size - m_offset);
        m_offset = m_size;
        return taken;
    }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_offset = 0;
};

/// The value a JSON pointer ("/spec/containers/0/image") names, or undefined.
inline QJsonValue valueAtPointer(const QJsonValue &root, const QString &pointer)
{
    if (pointer.isEmpty())
        return root;
    if (!pointer.startsWith(u'/'))
        return QJsonValue(QJsonValue::Undefined);
    QJsonValue node = root;
    const QStringList segments = pointer.mid(1).split(u'/');
    for (QString segment : segments) {
        segment.replace(QStringLiteral("~1"), QStringLiteral("/"));
        segment.replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            if (!object.contains(segment))
                return QJsonValue(QJsonValue::Undefined);
            node = object.value(segment);
        } else if (node.isArray()) {
            bool ok = false;
            const qsizetype index = segment.toLongLong(&ok);
            const QJsonArray array = node.toArray();
            if (!ok || index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            node = array.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return node;
}

} // namespace gitops::fuzz

#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::gitops::fuzz::checkFailed(#condition, __FILE__, __LINE__, (detail));                 \
    } while (false)

#ifdef GITOPS_FUZZ_LIBFUZZER
#define GITOPS_FUZZ_TARGET(name)                                                                   \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
#define GITOPS_FUZZ_TARGET(name)                                                                   \
    static int fuzz_##name(const uint8_t *data, size_t size);                                      \
    static const ::gitops::fuzz::Registration registration_##name(#name, fuzz_##name);             \
    static int fuzz_##name(const uint8_t *data, size_t size)
#endif
