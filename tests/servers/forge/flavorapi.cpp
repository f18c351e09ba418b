#include "flavorapi.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace localforge {

FlavorApi::FlavorApi(const ForgeSettings &settings, PullRequestStore &store)
    : m_settings(settings)
    , m_store(store)
{ }

FlavorApi::~FlavorApi() = default;

FlavorApi::Access FlavorApi::access(const testhttp::Request &request) const
{
    if (m_settings.token.isEmpty())
        return Access::Write;
    const QByteArray token = tokenOf(request);
    if (token.isEmpty())
        return Access::None;
    if (token == m_settings.token)
        return Access::Write;
    if (!m_settings.readToken.isEmpty() && token == m_settings.readToken)
        return Access::Read;
    return Access::None;
}

testhttp::Response FlavorApi::serve(const testhttp::Request &request)
{
    if (isPublic(request))
        return route(request);
    const Access granted = access(request);
    if (granted == Access::None)
        return unauthorized();
    if (granted == Access::Read && request.method != "GET" && request.method != "HEAD")
        return missingScope();
    return route(request);
}

testhttp::Response FlavorApi::json(int status, const QJsonValue &value)
{
    testhttp::Response response;
    response.status = status;
    response.body = value.isArray()
        ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
        : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

QStringList FlavorApi::segments(const testhttp::Request &request) const
{
    return request.path.mid(basePath().size()).split(u'/', Qt::SkipEmptyParts);
}

BareRepository FlavorApi::repository(const QString &project) const
{
    // Never outside the root: a project path is plain names.
    if (project.contains(u"..") || project.startsWith(u'/'))
        return BareRepository(QString());
    return BareRepository(QDir(m_settings.root).filePath(project + u".git"));
}

QList<PullRequestRecord> FlavorApi::pullRequestsOf(const QString &project, const QString &sha) const
{
    const BareRepository repo = repository(project);
    QList<PullRequestRecord> result;
    for (const PullRequestRecord &record : m_store.forProject(project)) {
        if (record.mergeCommit == sha
            || (repo.isAncestor(sha, record.headSha) && !repo.isAncestor(sha, record.baseSha)))
            result.append(record);
    }
    return result;
}

QList<PullRequestRecord> FlavorApi::paginate(const QList<PullRequestRecord> &items,
                                             const testhttp::Request &request,
                                             const QString &sizeName, int defaultSize, int maxSize,
                                             bool gitlabHeaders, testhttp::Response *response) const
{
    const auto [offset, count] =
        pageOf(items.size(), request, sizeName, defaultSize, maxSize, gitlabHeaders, response);
    return items.mid(offset, count);
}

QJsonArray FlavorApi::paginate(const QJsonArray &items, const testhttp::Request &request,
                               const QString &sizeName, int defaultSize, int maxSize,
                               bool gitlabHeaders, testhttp::Response *response) const
{
    const auto [offset, count] =
        pageOf(items.size(), request, sizeName, defaultSize, maxSize, gitlabHeaders, response);
    QJsonArray page;
    for (qsizetype i = offset; i < qMin(offset + count, items.size()); ++i)
        page.append(items.at(i));
    return page;
}

std::pair<qsizetype, qsizetype> FlavorApi::pageOf(qsizetype items, const testhttp::Request &request,
                                                  const QString &sizeName, int defaultSize,
                                                  int maxSize, bool gitlabHeaders,
                                                  testhttp::Response *response) const
{
    bool ok = false;
    int size = request.query.queryItemValue(sizeName).toInt(&ok);
    if (!ok || size <= 0)
        size = defaultSize;
    size = qMin(size, maxSize);
    int page = request.query.queryItemValue(QStringLiteral("page")).toInt(&ok);
    if (!ok || page <= 0)
        page = 1;
    const int total = int(items);
    const int pages = qMax(1, (total + size - 1) / size);

    auto pageUrl = [&](int number) {
        QUrl url(m_origin);
        url.setPath(QString::fromLatin1(request.rawPath), QUrl::TolerantMode); // GitLab's %2F stays
        QUrlQuery query = request.query;
        query.removeAllQueryItems(QStringLiteral("page"));
        query.addQueryItem(QStringLiteral("page"), QString::number(number));
        url.setQuery(query);
        return url.toEncoded();
    };
    QList<QByteArray> links;
    if (page < pages)
        links << '<' + pageUrl(page + 1) + ">; rel=\"next\"";
    if (page > 1)
        links << '<' + pageUrl(page - 1) + ">; rel=\"prev\"";
    links << '<' + pageUrl(1) + ">; rel=\"first\"";
    links << '<' + pageUrl(pages) + ">; rel=\"last\"";
    response->headers.emplaceBack("Link", links.join(", "));
    if (gitlabHeaders) {
        response->headers.emplaceBack("X-Page", QByteArray::number(page));
        response->headers.emplaceBack("X-Per-Page", QByteArray::number(size));
        response->headers.emplaceBack("X-Next-Page",
                                      page < pages ? QByteArray::number(page + 1) : QByteArray());
        response->headers.emplaceBack("X-Prev-Page",
                                      page > 1 ? QByteArray::number(page - 1) : QByteArray());
        response->headers.emplaceBack("X-Total", QByteArray::number(total));
        response->headers.emplaceBack("X-Total-Pages", QByteArray::number(pages));
    } else {
        response->headers.emplaceBack("X-Total-Count", QByteArray::number(total));
    }
    return {qsizetype(page - 1) * size, size};
}

QList<BareRepository::ChangedFile> FlavorApi::changedFilesOf(const PullRequestRecord &record,
                                                             QString *headCommit) const
{
    const BareRepository repo = repository(record.project);
    QString base = record.baseSha;
    QString head = record.headSha;
    if (record.state == PullRequestRecord::State::Open) {
        if (const QString tip = repo.branchTip(record.base); !tip.isEmpty())
            base = tip;
        if (const QString tip = repo.branchTip(record.head); !tip.isEmpty())
            head = tip;
    }
    if (headCommit)
        *headCommit = head;
    return repo.changedFiles(base, head);
}

QString FlavorApi::allowedSignersFile() const
{
    const QString path = QDir(m_settings.root).filePath(QStringLiteral(".allowed_signers"));
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace localforge
