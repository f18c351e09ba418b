#include "faultplan.h"

#include <QJsonArray>

namespace localforge {

bool FaultPlan::load(const QJsonObject &json, QString *error)
{
    QList<FaultRule> rules;
    for (const QJsonValue &value : json.value(u"rules").toArray()) {
        const QJsonObject object = value.toObject();
        FaultRule rule;
        rule.method = object.value(u"method").toString().toUpper().toLatin1();
        rule.path = object.value(u"path").toString();
        rule.status = object.value(u"status").toInt();
        rule.drop = object.value(u"drop").toString();
        rule.times = object.value(u"times").toInt(1);
        rule.resetSeconds = object.value(u"resetSeconds").toInt(60);
        rule.message = object.value(u"message").toString();
        rule.withoutHeader = object.value(u"withoutHeader").toString().toLatin1();
        if (rule.status == 0 && rule.drop != u"before" && rule.drop != u"after"
            && rule.withoutHeader.isEmpty()) {
            *error = QStringLiteral(
                "a fault rule needs a status, drop: \"before\"|\"after\" or withoutHeader");
            return false;
        }
        rules.append(rule);
    }
    m_rules = rules;
    return true;
}

std::optional<FaultRule> FaultPlan::take(const testhttp::Request &request)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        FaultRule &rule = m_rules[i];
        if ((!rule.method.isEmpty() && rule.method != request.method)
            || !request.path.contains(rule.path))
            continue;
        const FaultRule taken = rule;
        if (rule.times > 0 && --rule.times == 0)
            m_rules.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

} // namespace localforge
