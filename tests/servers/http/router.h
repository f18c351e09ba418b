#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>

namespace testhttp {

/// Which handler answers a request, by method and path: exact paths first, then the
/// longest matching prefix. @p Handler is whatever the server calls (a
/// `std::function<Response(const Request &)>`, or one that also takes the caller's identity).
/// A value: build it once, then match from the server's thread.
template<typename Handler>
class Router
{
public:
    struct Match
    {
        const Handler *handler = nullptr; ///< null: no route for the path (404), or see allowed
        QString rest; ///< the path after a prefix route's prefix
        /// The path has routes, none for this method (405); their methods.
        QList<QByteArray> allowed;
    };

    /// Requests for exactly @p path with @p method (empty: any method).
    void add(const QByteArray &method, const QString &path, Handler handler)
    {
        m_routes.append({method, path, false, std::move(handler)});
    }
    /// Requests whose path starts with @p prefix, with @p method (empty: any method).
    void addPrefix(const QByteArray &method, const QString &prefix, Handler handler)
    {
        m_routes.append({method, prefix, true, std::move(handler)});
    }

    Match match(const QByteArray &method, const QString &path) const
    {
        Match found;
        qsizetype best = -1; // the length of the prefix matched; exact beats any prefix
        for (const Route &route : m_routes) {
            const bool matches = route.prefix ? path.startsWith(route.path) : path == route.path;
            if (!matches)
                continue;
            const qsizetype length = route.prefix ? route.path.size() : path.size() + 1;
            if (!route.method.isEmpty() && route.method != method) {
                if (!found.allowed.contains(route.method))
                    found.allowed.append(route.method);
                continue;
            }
            if (length > best) {
                best = length;
                found.handler = &route.handler;
                found.rest = route.prefix ? path.mid(route.path.size()) : QString();
            }
        }
        if (found.handler)
            found.allowed.clear();
        return found;
    }

private:
    struct Route
    {
        QByteArray method;
        QString path;
        bool prefix = false;
        Handler handler;
    };
    QList<Route> m_routes;
};

} // namespace testhttp
