// YAML text edits: golden files under tests/data/change (see its README.md), and every
// scalar of real manifests changed and read back, with the rest of the file left alone.
#include "goldenfile.h"

#include "change/yamledit.h"
#include "manifest/yamldocument.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gitops::change;
using namespace gitops::manifest;

namespace {

const QString DataFolder = QStringLiteral(GITOPS_TEST_DATA);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QStringList splitPointer(const QString &pointer)
{
    QStringList segments = pointer.split(QLatin1Char('/'));
    segments.removeFirst();
    for (QString &segment : segments) {
        segment.replace(QLatin1String("~1"), QLatin1String("/"));
        segment.replace(QLatin1String("~0"), QLatin1String("~"));
    }
    return segments;
}

// The value at @p pointer, Undefined when it is not there.
QJsonValue valueAt(QJsonValue value, const QString &pointer)
{
    for (const QString &segment : splitPointer(pointer)) {
        if (value.isObject())
            value = value.toObject().value(segment);
        else if (value.isArray())
            value = value.toArray().at(segment.toInt());
        else
            return QJsonValue(QJsonValue::Undefined);
    }
    return value;
}

// @p value with @p pointer taken out.
QJsonValue without(const QJsonValue &value, const QStringList &segments, qsizetype i = 0)
{
    if (i == segments.size())
        return QJsonValue(QJsonValue::Undefined);
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        const QJsonValue inner = without(object.value(segments.at(i)), segments, i + 1);
        if (inner.isUndefined())
            object.remove(segments.at(i));
        else
            object.insert(segments.at(i), inner);
        return object;
    }
    QJsonArray array = value.toArray();
    const int index = segments.at(i).toInt();
    const QJsonValue inner = without(array.at(index), segments, i + 1);
    if (inner.isUndefined())
        array.removeAt(index);
    else
        array.replace(index, inner);
    return array;
}

QList<YamlDocument> documentsOf(const QByteArray &bytes)
{
    auto parsed = parseYamlDocuments(bytes);
    if (auto *documents = std::get_if<QList<YamlDocument>>(&parsed))
        return *documents;
    return {};
}

void scalarPointers(const QJsonValue &value, const QString &path, QStringList &out)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            scalarPointers(it.value(), path + QLatin1Char('/') + pointerSegment(it.key()), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            scalarPointers(array.at(i), path + QLatin1Char('/') + QString::number(i), out);
    } else {
        out.append(path);
    }
}

QJsonValue anotherValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::Double:
        return value.toDouble() + 1;
    case QJsonValue::String:
        return QString(value.toString() + QStringLiteral("-edited: yes"));
    default:
        return QStringLiteral("set");
    }
}

QStringList manifestFiles()
{
    QStringList files;
    QDirIterator repositories(DataFolder + QStringLiteral("/repositories"),
                              {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                              QDirIterator::Subdirectories);
    while (repositories.hasNext())
        files.append(repositories.next());
    QDirIterator drift(DataFolder + QStringLiteral("/drift"), {QStringLiteral("desired.yaml")},
                       QDir::Files, QDirIterator::Subdirectories);
    while (drift.hasNext())
        files.append(drift.next());
    files.sort();
    return files;
}

// The comments of @p bytes: what follows a '#' that starts a comment, line by line.
QStringList commentsOf(const QByteArray &bytes)
{
    QStringList comments;
    for (const QByteArray &line : bytes.split('\n')) {
        const qsizetype hash = line.startsWith('#') ? 0 : line.indexOf(" #");
        if (hash >= 0)
            comments.append(QString::fromUtf8(line.mid(hash).trimmed()));
    }
    return comments;
}

bool isSubsequence(const QStringList &part, const QStringList &whole)
{
    qsizetype at = 0;
    for (const QString &item : part) {
        while (at < whole.size() && whole.at(at) != item)
            ++at;
        if (at++ >= whole.size())
            return false;
    }
    return true;
}

} // namespace

class tst_YamlEdit : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("folder");
        const QDir root(DataFolder + QStringLiteral("/change"));
        const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(cases.size() >= 12);
        for (const QString &name : cases)
            QTest::newRow(qPrintable(name)) << root.filePath(name);
    }

    // The file as edited is byte for byte what the case expects; a refusal says why.
    void golden()
    {
        QFETCH(QString, folder);
        const QByteArray input = readFile(folder + QStringLiteral("/input.yaml"));
        QVERIFY(!input.isEmpty());
        const QJsonObject spec =
            QJsonDocument::fromJson(readFile(folder + QStringLiteral("/edit.json"))).object();
        QVERIFY2(spec.contains(QLatin1String("pointer")), "edit.json needs a pointer");
        YamlEdit edit;
        edit.document = spec.value(QLatin1String("document")).toInt();
        edit.pointer = spec.value(QLatin1String("pointer")).toString();
        edit.remove = spec.value(QLatin1String("remove")).toBool();
        edit.value = spec.value(QLatin1String("value"));

        const auto result = applyYamlEdit(input, edit);
        const bool refused = spec.value(QLatin1String("refused")).toBool();
        if (const auto *refusal = std::get_if<YamlEditRefusal>(&result)) {
            QVERIFY2(refused, qPrintable(QStringLiteral("refused: ") + refusal->reason));
            QVERIFY(gitops::test::matchesGoldenFile(refusal->reason + QLatin1Char('\n'),
                                                    folder + QStringLiteral("/refusal.txt")));
            return;
        }
        QVERIFY2(!refused, "the edit was made but the case expects a refusal");
        const QByteArray output = std::get<QByteArray>(result);
        QVERIFY(gitops::test::matchesGoldenFile(QString::fromUtf8(output),
                                                folder + QStringLiteral("/expected.yaml")));

        // Read back: that value changed, nothing else, in no other document.
        const QList<YamlDocument> before = documentsOf(input);
        const QList<YamlDocument> after = documentsOf(output);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            if (i != edit.document)
                QCOMPARE(after.at(i).value, before.at(i).value);
        }
        const QJsonValue changed = after.at(edit.document).value;
        if (edit.remove) {
            QCOMPARE(changed, without(before.at(edit.document).value, splitPointer(edit.pointer)));
        } else {
            QCOMPARE(valueAt(changed, edit.pointer), edit.value);
        }
        // The line ends of the file are its own.
        if (input.contains("\r\n"))
            QCOMPARE(output.count("\r\n"), output.count('\n'));
        QCOMPARE(output.endsWith('\n'), input.endsWith('\n'));
        // Comments stay; a removed entry takes only the comments on its own lines.
        // (A `#` line inside a replaced block scalar is text of the value, not a comment.)
        const QJsonValue old = valueAt(before.at(edit.document).value, edit.pointer);
        if (edit.remove || old.toString().contains(QLatin1Char('\n')))
            QVERIFY(isSubsequence(commentsOf(output), commentsOf(input)));
        else
            QCOMPARE(commentsOf(output), commentsOf(input));
    }

    // Every scalar of real manifests set to another value (and every one removed): the file
    // reads back with exactly that change, the lines before the value and all comments are
    // as they were.
    void everyScalarOfRealManifests()
    {
        const QStringList files = manifestFiles();
        QVERIFY(files.size() > 20);
        int edits = 0;
        for (const QString &file : files) {
            const QByteArray input = readFile(file);
            const QList<YamlDocument> documents = documentsOf(input);
            for (qsizetype d = 0; d < documents.size(); ++d) {
                QStringList pointers;
                scalarPointers(documents.at(d).value, QString(), pointers);
                for (const QString &pointer : std::as_const(pointers)) {
                    const QString where = file + QLatin1Char(' ') + pointer;
                    if (pointer.isEmpty())
                        continue;
                    const QJsonValue old = valueAt(documents.at(d).value, pointer);
                    const QJsonValue value = anotherValue(old);
                    const auto set = applyYamlEdit(input, YamlEdit{int(d), pointer, value, false});
                    if (const auto *refusal = std::get_if<YamlEditRefusal>(&set)) {
                        QVERIFY2(refusal->reason.contains(QLatin1String("anchor"))
                                     || refusal->reason.contains(QLatin1String("alias"))
                                     || refusal->reason.contains(QLatin1String("merge")),
                                 qPrintable(where + QStringLiteral(": ") + refusal->reason));
                        continue;
                    }
                    const QByteArray output = std::get<QByteArray>(set);
                    const QList<YamlDocument> after = documentsOf(output);
                    QVERIFY2(after.size() == documents.size(), qPrintable(where));
                    QCOMPARE(valueAt(after.at(d).value, pointer), value);
                    QCOMPARE(without(after.at(d).value, splitPointer(pointer)),
                             without(documents.at(d).value, splitPointer(pointer)));
                    // Nothing before the value's line moved.
                    const int line = documents.at(d).lines.value(pointer);
                    const QList<QByteArray> inLines = input.split('\n');
                    const QList<QByteArray> outLines = output.split('\n');
                    qsizetype first = 0;
                    while (first < inLines.size() && first < outLines.size()
                           && inLines.at(first) == outLines.at(first))
                        ++first;
                    QVERIFY2(first + 1 >= line, qPrintable(where));
                    QVERIFY2(commentsOf(output) == commentsOf(input), qPrintable(where));
                    ++edits;

                    const auto removed = applyYamlEdit(input, YamlEdit{int(d), pointer, {}, true});
                    if (const auto *refusal = std::get_if<YamlEditRefusal>(&removed)) {
                        QVERIFY2(refusal->reason.contains(QLatin1String("anchor"))
                                     || refusal->reason.contains(QLatin1String("alias"))
                                     || refusal->reason.contains(QLatin1String("merge"))
                                     || refusal->reason.contains(QLatin1String("shares its line")),
                                 qPrintable(where + QStringLiteral(": ") + refusal->reason));
                        continue;
                    }
                    const QList<YamlDocument> gone = documentsOf(std::get<QByteArray>(removed));
                    QVERIFY2(gone.size() == documents.size(), qPrintable(where));
                    QVERIFY2(gone.at(d).value
                                 == without(documents.at(d).value, splitPointer(pointer)),
                             qPrintable(where));
                }
            }
        }
        QVERIFY(edits > 200);
    }
};

QTEST_GUILESS_MAIN(tst_YamlEdit)
#include "tst_yamledit.moc"
