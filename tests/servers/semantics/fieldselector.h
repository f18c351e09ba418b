#pragma once

#include "typeref.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kubeemu {

/// A parsed field selector (`metadata.name=web,metadata.namespace!=kube-system`): terms joined
/// by commas, each `field=value`, `field==value` or `field!=value`; all must hold. Only the
/// fields the real API server supports for the type are accepted. An immutable value.
class FieldSelector
{
public:
    /// Parses the fields every type supports (metadata.name, metadata.namespace). On failure
    /// returns nothing and sets *error to the real API server's message.
    static std::optional<FieldSelector> parse(const QString &text, QString *error);
    /// As above, also accepting the type's extra selectable fields (Pod spec.nodeName,
    /// status.phase, Secret type, Event involvedObject.*, ...).
    static std::optional<FieldSelector> parse(const QString &text, const TypeRef &type,
                                              QString *error);

    bool matches(const QJsonObject &object) const;
    bool isEmpty() const { return m_terms.isEmpty(); }

private:
    struct Term
    {
        QStringList field;
        QString value;
        bool negated = false;
    };
    QList<Term> m_terms;
};

} // namespace kubeemu
