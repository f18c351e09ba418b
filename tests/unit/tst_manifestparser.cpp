// Manifest parsing: golden files under tests/data/manifest (see its README.md for the
// regeneration command), plus the typing and bad-input rules a user would notice.
#include "goldenfile.h"

#include "manifest/manifestparser.h"
#include "manifest/resourcescopes.h"
#include "manifest/yamldocument.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <random>

using namespace gitops::manifest;
using namespace Qt::StringLiterals;

namespace {

const QString DataFolder = QStringLiteral(GITOPS_TEST_DATA "/manifest");

QString jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

void describeValue(const QJsonValue &value, const QString &path, const QHash<QString, int> &lines,
                   QStringList &out)
{
    const bool emptyContainer = (value.isObject() && value.toObject().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
    if (value.isObject() && !emptyContainer) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            describeValue(it.value(), path + QLatin1Char('/') + pointerSegment(it.key()), lines,
                          out);
        return;
    }
    if (value.isArray() && !emptyContainer) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            describeValue(array.at(i), path + QLatin1Char('/') + QString::number(i), lines, out);
        return;
    }
    const QString line =
        lines.contains(path) ? QString::number(lines.value(path)) : QStringLiteral("?");
    out.append(QStringLiteral("  %1 = %2 @%3").arg(path, jsonText(value), line));
}

QString describe(const ParsedManifests &parsed)
{
    QStringList out;
    for (const Resource &resource : parsed.resources) {
        out.append(QStringLiteral("resource %1 at %2 (apiVersion %3)%4")
                       .arg(resource.id.toString(), resource.location(), resource.apiVersion,
                            resource.untrackable ? QStringLiteral(" untrackable") : QString()));
        describeValue(resource.object, QString(), resource.fieldLines, out);
    }
    for (const SourceNote &note : parsed.notes)
        out.append(QStringLiteral("note ") + note.toString());
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class tst_ManifestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenFiles_data();
    void goldenFiles();
    void scalarTypes_data();
    void scalarTypes();
    void fieldLines();
    void malformedYamlNamesLineAndColumn_data();
    void malformedYamlNamesLineAndColumn();
    void aliasBombIsRefused();
    void deepNestingIsRefused();
    void binaryContentIsRecognised();
    void mutatedInputsGiveResourcesOrNotes();
    void scopesFromTableAndDefinitions();
};

void tst_ManifestParser::goldenFiles_data()
{
    QTest::addColumn<QString>("name");
    const QStringList inputs = QDir(DataFolder + QLatin1String("/input")).entryList(QDir::Files);
    QVERIFY(inputs.size() >= 8);
    for (const QString &name : inputs)
        QTest::newRow(qPrintable(name)) << name;
}

void tst_ManifestParser::goldenFiles()
{
    QFETCH(QString, name);
    const QByteArray bytes = readFile(DataFolder + QLatin1String("/input/") + name);
    QVERIFY(!bytes.isEmpty());
    const QString actual = describe(parseManifests(bytes, name));
    QVERIFY(gitops::test::matchesGoldenFile(
        actual, DataFolder + QLatin1String("/reference/") + name + QLatin1String(".txt")));
}

void tst_ManifestParser::scalarTypes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("quoted number stays text") << QByteArray("v: \"80\"") << QJsonValue(u"80"_s);
    QTest::newRow("plain number") << QByteArray("v: 80") << QJsonValue(80);
    QTest::newRow("yes is text in YAML 1.2") << QByteArray("v: yes") << QJsonValue(u"yes"_s);
    QTest::newRow("on is text in YAML 1.2") << QByteArray("v: on") << QJsonValue(u"on"_s);
    QTest::newRow("true") << QByteArray("v: true") << QJsonValue(true);
    QTest::newRow("quoted true") << QByteArray("v: 'true'") << QJsonValue(u"true"_s);
    QTest::newRow("null word") << QByteArray("v: null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty") << QByteArray("v:") << QJsonValue(QJsonValue::Null);
    QTest::newRow("hex") << QByteArray("v: 0x10") << QJsonValue(16);
    QTest::newRow("leading zero is octal as in Go") << QByteArray("v: 012") << QJsonValue(10);
    QTest::newRow("digits 8 and 9 after zero") << QByteArray("v: 089") << QJsonValue(89.0);
    QTest::newRow("float") << QByteArray("v: 0.5") << QJsonValue(0.5);
    QTest::newRow("version-like float") << QByteArray("v: 1.10") << QJsonValue(1.1);
    QTest::newRow("quantity stays text") << QByteArray("v: 500m") << QJsonValue(u"500m"_s);
    QTest::newRow("explicit str tag") << QByteArray("v: !!str 5") << QJsonValue(u"5"_s);
    QTest::newRow("explicit int tag") << QByteArray("v: !!int \"7\"") << QJsonValue(7);
    QTest::newRow("infinity has no JSON form") << QByteArray("v: .inf") << QJsonValue(u".inf"_s);
    QTest::newRow("negative") << QByteArray("v: -3") << QJsonValue(-3);
    QTest::newRow("int64 max") << QByteArray("v: 9223372036854775807")
                               << QJsonValue(qint64(9223372036854775807LL));
    QTest::newRow("date stays text") << QByteArray("v: 2024-01-02") << QJsonValue(u"2024-01-02"_s);
}

void tst_ManifestParser::scalarTypes()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonValue, expected);
    auto parsed = parseYamlDocuments(yaml);
    QVERIFY(std::holds_alternative<QList<YamlDocument>>(parsed));
    const auto &documents = std::get<QList<YamlDocument>>(parsed);
    QCOMPARE(documents.size(), 1);
    const QJsonValue actual = documents.first().value.toObject().value(QLatin1String("v"));
    QCOMPARE(actual.type(), expected.type());
    QCOMPARE(actual, expected);
}

void tst_ManifestParser::fieldLines()
{
    const QByteArray yaml = "apiVersion: v1\n"
                            "kind: Service\n"
                            "metadata:\n"
                            "  name: api\n"
                            "  annotations:\n"
                            "    example.com/owner: team-a\n"
                            "spec:\n"
                            "  ports:\n"
                            "    - name: http\n"
                            "      port: 80\n"
                            "    - name: https\n"
                            "      port: 443\n";
    const ParsedManifests parsed = parseManifests(yaml, QStringLiteral("svc.yaml"));
    QCOMPARE(parsed.resources.size(), 1);
    const Resource &service = parsed.resources.first();
    QCOMPARE(service.id, (ResourceId{QString(), u"Service"_s, QString(), u"api"_s}));
    QCOMPARE(service.line, 1);
    QCOMPARE(service.fieldLines.value(u"/metadata/name"_s), 4);
    QCOMPARE(service.fieldLines.value(u"/metadata/annotations/example.com~1owner"_s), 6);
    QCOMPARE(service.fieldLines.value(u"/spec/ports/1"_s), 11);
    QCOMPARE(service.fieldLines.value(u"/spec/ports/1/port"_s), 12);
}

void tst_ManifestParser::malformedYamlNamesLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed flow list") << QByteArray("a: 1\nb: [1, 2\nc: 3\n") << 3 << u"end of"_s;
    QTest::newRow("bad indentation") << QByteArray("a:\n  b: 1\n c: 2\n") << 3 << u"end of map"_s;
    QTest::newRow("duplicate key")
        << QByteArray("a: 1\nb: 2\na: 3\n") << 3 << u"duplicate key \u201ca\u201d"_s;
    QTest::newRow("map as key") << QByteArray("? {a: 1}\n: x\n") << 1 << u"only text"_s;
    QTest::newRow("undefined alias")
        << QByteArray("a: *nowhere\n") << 1 << u"anchor is not defined"_s;
    QTest::newRow("unterminated double quote")
        << QByteArray("a: 1\nb: \"open\nc: 2\n") << 2 << u"not closed"_s;
    QTest::newRow("unterminated single quote")
        << QByteArray("a: 'it''s open\nc: 2\n") << 1 << u"not closed"_s;
    QTest::newRow("unknown escape")
        << QByteArray("a: \"\\q\"\n") << 1 << u"unknown escape character: q"_s;
    QTest::newRow("stray comma") << QByteArray(",\n") << 1 << u"expected value"_s;
    QTest::newRow("stray comma before a document")
        << QByteArray(",apiVersion: v1\nkind: ConfigMap\n") << 1 << u"expected value"_s;
    // Inputs that made older yaml-cpp releases loop or exhaust memory.
    QTest::newRow("flow list of a colon") << QByteArray("[:") << 0 << QString();
    QTest::newRow("flow map of a colon") << QByteArray("{:") << 0 << QString();
    QTest::newRow("nested flow colon") << QByteArray("[[:") << 0 << QString();
    QTest::newRow("comment in flow map") << QByteArray("{# ke\ny{:") << 0 << QString();
    QTest::newRow("tag with a comma") << QByteArray("- !+(.,.)") << 0 << QString();
    QTest::newRow("merge of a scalar") << QByteArray("a:\n  <<: 5\n") << 0 << u"merge key"_s;
}

void tst_ManifestParser::malformedYamlNamesLineAndColumn()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, message);
    const ParsedManifests parsed = parseManifests(yaml, QStringLiteral("bad.yaml"));
    QVERIFY(parsed.resources.isEmpty());
    QCOMPARE(parsed.notes.size(), 1);
    const SourceNote &note = parsed.notes.first();
    QCOMPARE(note.kind, SourceNote::Kind::Error);
    QCOMPARE(note.file, u"bad.yaml"_s);
    if (line > 0) {
        QCOMPARE(note.line, line);
        QVERIFY(note.column > 0);
    }
    QVERIFY2(note.message.contains(message, Qt::CaseInsensitive), qPrintable(note.message));
    // The message is a sentence of the catalogue (the window shows it in its language), and
    // its English is the message, letter for letter (the CLI prints that).
    QCOMPARE(note.toText().toString(), note.toString());
    const QString marked = note.why().toString([](const char *source) -> QString {
        return u'\u00ab' + QString::fromUtf8(source) + u'\u00bb';
    });
    QVERIFY2(marked.startsWith(u'\u00ab'), qPrintable(marked));
}

void tst_ManifestParser::aliasBombIsRefused()
{
    // Nine levels of nine aliases: 387 million values once expanded.
    QByteArray yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 10; ++level) {
        const QByteArray previous = "*a" + QByteArray::number(level - 1);
        yaml += "a" + QByteArray::number(level) + ": &a" + QByteArray::number(level) + " [";
        for (int i = 0; i < 9; ++i)
            yaml += (i ? ", " : "") + previous;
        yaml += "]\n";
    }
    const ParsedManifests parsed = parseManifests(yaml, QStringLiteral("bomb.yaml"));
    QCOMPARE(parsed.notes.size(), 1);
    QVERIFY2(parsed.notes.first().message.contains(u"too large"_s),
             qPrintable(parsed.notes.first().message));
}

void tst_ManifestParser::deepNestingIsRefused()
{
    const QByteArray yaml = "a: " + QByteArray(100000, '[');
    const ParsedManifests parsed = parseManifests(yaml, QStringLiteral("deep.yaml"));
    QVERIFY(parsed.resources.isEmpty());
    QCOMPARE(parsed.notes.size(), 1);
    QCOMPARE(parsed.notes.first().kind, SourceNote::Kind::Error);
}

void tst_ManifestParser::binaryContentIsRecognised()
{
    QVERIFY(looksLikeText("apiVersion: v1\n"));
    QVERIFY(!looksLikeText(QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11)));
}

void tst_ManifestParser::mutatedInputsGiveResourcesOrNotes()
{
    // Not a fuzzer (that comes later), but the same promise on a budget: damaged input
    // never crashes and always says what it made of the file.
    QList<QByteArray> inputs;
    const QDir folder(DataFolder + QLatin1String("/input"));
    for (const QString &name : folder.entryList(QDir::Files))
        inputs.append(readFile(folder.filePath(name)));
    QVERIFY(!inputs.isEmpty());
    static const char characters[] = ":-[]{}&*!|>'\"#%@`,?<\n\t \0\xff";
    const QByteArray alphabet(characters, sizeof characters - 1); // with the NUL byte
    std::mt19937 random(20260101);
    int checked = 0;
    for (const QByteArray &input : std::as_const(inputs)) {
        for (int round = 0; round < 300; ++round) {
            QByteArray bytes = input;
            const int edits = 1 + int(random() % 4);
            for (int i = 0; i < edits && !bytes.isEmpty(); ++i) {
                const qsizetype at = qsizetype(random() % size_t(bytes.size()));
                switch (random() % 3) {
                case 0:
                    bytes[at] = alphabet.at(qsizetype(random() % size_t(alphabet.size())));
                    break;
                case 1:
                    bytes.remove(at, 1 + qsizetype(random() % 8));
                    break;
                default:
                    bytes.insert(at, bytes.mid(qsizetype(random() % size_t(bytes.size())), 12));
                }
            }
            const ParsedManifests parsed = parseManifests(bytes, QStringLiteral("m.yaml"));
            for (const SourceNote &note : parsed.notes)
                QVERIFY(!note.message.isEmpty());
            for (const Resource &resource : parsed.resources) {
                QVERIFY(!resource.id.kind.isEmpty());
                QVERIFY(!resource.id.name.isEmpty());
                QVERIFY(resource.line > 0);
            }
            ++checked;
        }
    }
    QCOMPARE(checked, inputs.size() * 300);
}

void tst_ManifestParser::scopesFromTableAndDefinitions()
{
    ResourceScopes scopes;
    QCOMPARE(scopes.scope(QString(), u"Namespace"_s), ResourceScopes::Scope::Cluster);
    QCOMPARE(scopes.scope(u"apps"_s, u"Deployment"_s), ResourceScopes::Scope::Namespaced);
    QCOMPARE(scopes.scope(u"rbac.authorization.k8s.io"_s, u"ClusterRole"_s),
             ResourceScopes::Scope::Cluster);
    QCOMPARE(scopes.scope(u"cert-manager.io"_s, u"ClusterIssuer"_s),
             ResourceScopes::Scope::Unknown);

    const ParsedManifests crds = parseManifests("apiVersion: apiextensions.k8s.io/v1\n"
                                                "kind: CustomResourceDefinition\n"
                                                "metadata:\n"
                                                "  name: clusterissuers.cert-manager.io\n"
                                                "spec:\n"
                                                "  group: cert-manager.io\n"
                                                "  scope: Cluster\n"
                                                "  names:\n"
                                                "    kind: ClusterIssuer\n"
                                                "---\n"
                                                "apiVersion: apiextensions.k8s.io/v1\n"
                                                "kind: CustomResourceDefinition\n"
                                                "metadata:\n"
                                                "  name: certificates.cert-manager.io\n"
                                                "spec:\n"
                                                "  group: cert-manager.io\n"
                                                "  scope: Namespaced\n"
                                                "  names:\n"
                                                "    kind: Certificate\n",
                                                QStringLiteral("crds.yaml"));
    QCOMPARE(crds.resources.size(), 2);
    scopes.addDefinitions(crds.resources);
    QCOMPARE(scopes.scope(u"cert-manager.io"_s, u"ClusterIssuer"_s),
             ResourceScopes::Scope::Cluster);
    QCOMPARE(scopes.scope(u"cert-manager.io"_s, u"Certificate"_s),
             ResourceScopes::Scope::Namespaced);

    // A cluster's discovery is the authority, even over a CRD in the repository.
    scopes.setScope(u"cert-manager.io"_s, u"Certificate"_s, ResourceScopes::Scope::Cluster);
    QCOMPARE(scopes.scope(u"cert-manager.io"_s, u"Certificate"_s), ResourceScopes::Scope::Cluster);
    scopes.addDefinitions(crds.resources);
    QCOMPARE(scopes.scope(u"cert-manager.io"_s, u"Certificate"_s), ResourceScopes::Scope::Cluster);
}

QTEST_GUILESS_MAIN(tst_ManifestParser)
#include "tst_manifestparser.moc"
