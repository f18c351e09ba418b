#pragma once

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <array>
#include <cstring>
#include <optional>

namespace gitops::git {

/// A git object id (SHA-1) as its 20 bytes: a plain value, compared and copied without the
/// allocations its 40-digit text costs. History walks keep thousands of them. The null id
/// (all zero, which names no object) stands for "nothing there".
class ObjectId
{
public:
    static constexpr int Size = 20;

    ObjectId() = default;
    /// The id whose bytes start at @p bytes (Size of them).
    static ObjectId fromRaw(const unsigned char *bytes)
    {
        ObjectId id;
        std::memcpy(id.m_bytes.data(), bytes, Size);
        return id;
    }
    /// The id a full 40-digit hexadecimal text names; nullopt for any other text.
    static std::optional<ObjectId> fromHex(QStringView text);

    /// The 40 lowercase hexadecimal digits; "" for the null id.
    QString toHex() const;
    bool isNull() const { return *this == ObjectId(); }
    const unsigned char *data() const { return m_bytes.data(); }

    friend bool operator==(const ObjectId &, const ObjectId &) = default;
    friend size_t qHash(const ObjectId &id, size_t seed = 0)
    {
        return qHashBits(id.m_bytes.data(), Size, seed);
    }

private:
    std::array<unsigned char, Size> m_bytes{};
};

inline std::optional<ObjectId> ObjectId::fromHex(QStringView text)
{
    if (text.size() != 2 * Size)
        return std::nullopt;
    const auto digit = [](QChar c) -> int {
        const char16_t u = c.unicode();
        if (u >= u'0' && u <= u'9')
            return u - u'0';
        if (u >= u'a' && u <= u'f')
            return u - u'a' + 10;
        if (u >= u'A' && u <= u'F')
            return u - u'A' + 10;
        return -1;
    };
    ObjectId id;
    for (int i = 0; i < Size; ++i) {
        const int high = digit(text[2 * i]);
        const int low = digit(text[2 * i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        id.m_bytes[size_t(i)] = static_cast<unsigned char>(high << 4 | low);
    }
    return id;
}

inline QString ObjectId::toHex() const
{
    if (isNull())
        return QString();
    static constexpr char16_t Digits[] = u"0123456789abcdef";
    QString text(2 * Size, Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(text.data());
    for (unsigned char byte : m_bytes) {
        *out++ = Digits[byte >> 4];
        *out++ = Digits[byte & 0xf];
    }
    return text;
}

} // namespace gitops::git
