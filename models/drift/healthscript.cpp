#include "drift/healthscript.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <lua.hpp>

#include <cmath>
#include <cstdlib>
#include <memory>

namespace gitops::drift {

namespace {

// How often the count hook looks at the budgets, in VM instructions.
constexpr int hookInterval = 1000;
// Deeper JSON than this is not a Kubernetes object.
constexpr int maxDepth = 100;

// What one run may still spend. The allocator and the hook reach it through the state's
// allocator data. A limit of 0 means none: setting up the sandbox and `obj` is ours, not the
// script's, so it is not counted against the script.
struct Budget
{
    std::size_t used = 0;
    std::size_t limit = 0;
    bool memoryExceeded = false;
    qint64 instructions = 0;
    qint64 maxInstructions = 0;
    qint64 maxMilliseconds = 0;
    QElapsedTimer clock;
    enum class Stop { None, Instructions, Time } stop = Stop::None;
};

void *allocate(void *data, void *block, std::size_t oldSize, std::size_t newSize)
{
    auto *budget = static_cast<Budget *>(data);
    // Without a block, oldSize is the kind of object Lua allocates, not a size.
    const std::size_t old = block ? oldSize : 0;
    if (newSize == 0) {
        std::free(block);
        budget->used -= old;
        return nullptr;
    }
    if (budget->limit != 0 && newSize > old && budget->used - old + newSize > budget->limit) {
        budget->memoryExceeded = true;
        return nullptr;
    }
    void *grown = std::realloc(block, newSize);
    if (grown)
        budget->used = budget->used - old + newSize;
    return grown;
}

Budget *budgetOf(lua_State *state)
{
    void *data = nullptr;
    lua_getallocf(state, &data);
    return static_cast<Budget *>(data);
}

// Raises a Lua error once a budget is spent. From then on it runs on every instruction, so
// a script that catches the error with pcall is stopped again at its next instruction.
// No C++ object lives in this frame: luaL_error unwinds it with longjmp.
void countHook(lua_State *state, lua_Debug *)
{
    Budget *budget = budgetOf(state);
    if (budget->stop == Budget::Stop::None) {
        budget->instructions += hookInterval;
        if (budget->instructions > budget->maxInstructions)
            budget->stop = Budget::Stop::Instructions;
        else if (budget->clock.elapsed() > budget->maxMilliseconds)
            budget->stop = Budget::Stop::Time;
        else
            return;
        lua_sethook(state, countHook, LUA_MASKCOUNT, 1);
    }
    luaL_error(state, "stopped: out of budget");
}

void pushJson(lua_State *state, const QJsonValue &value, int depth);

void pushObject(lua_State *state, const QJsonObject &object, int depth)
{
    lua_createtable(state, 0, int(object.size()));
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isNull() || it.value().isUndefined())
            continue; // as Argo CD's JSON decoding: a null field is absent
        const QByteArray key = it.key().toUtf8();
        lua_pushlstring(state, key.constData(), std::size_t(key.size()));
        pushJson(state, it.value(), depth + 1);
        lua_rawset(state, -3);
    }
}

void pushJson(lua_State *state, const QJsonValue &value, int depth)
{
    if (depth > maxDepth || !lua_checkstack(state, 4)) {
        lua_pushnil(state);
        return;
    }
    switch (value.type()) {
    case QJsonValue::Bool:
        lua_pushboolean(state, value.toBool());
        return;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9.0e15)
            lua_pushinteger(state, lua_Integer(number));
        else
            lua_pushnumber(state, number);
        return;
    }
    case QJsonValue::String: {
        const QByteArray text = value.toString().toUtf8();
        lua_pushlstring(state, text.constData(), std::size_t(text.size()));
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        lua_createtable(state, int(array.size()), 0);
        for (qsizetype i = 0; i < array.size(); ++i) {
            pushJson(state, array.at(i), depth + 1);
            lua_rawseti(state, -2, lua_Integer(i + 1));
        }
        return;
    }
    case QJsonValue::Object:
        pushObject(state, value.toObject(), depth);
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    lua_pushnil(state);
}

// Run with lua_pcall (the object as its light userdata argument), so that even a failing
// allocation while we set up ends in an error status instead of Lua's panic (abort).
int openSandbox(lua_State *state)
{
    const auto *live = static_cast<const QJsonObject *>(lua_touserdata(state, 1));
    lua_settop(state, 0);
    luaL_requiref(state, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(state, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(state, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(state, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_settop(state, 0);
    // Whatever reads files, loads code other than the script or touches the collector.
    for (const char *name : {"dofile", "loadfile", "load", "require", "collectgarbage", "print"}) {
        lua_pushnil(state);
        lua_setglobal(state, name);
    }
    lua_getglobal(state, LUA_STRLIBNAME);
    lua_pushnil(state);
    lua_setfield(state, -2, "dump");
    lua_pop(state, 1);
    pushObject(state, *live, 0);
    lua_setglobal(state, "obj");
    return 0;
}

Text errorText(lua_State *state)
{
    std::size_t size = 0;
    const char *text =
        lua_type(state, -1) == LUA_TSTRING ? lua_tolstring(state, -1, &size) : nullptr;
    return text ? Text::verbatim(QString::fromUtf8(text, qsizetype(size)))
                : Text(QT_TRANSLATE_NOOP("gitops::Text", "the error is not a string"));
}

// A string field of the table on top of the stack, without metamethods (no script code
// runs while we read the result).
QString stringField(lua_State *state, const char *key, bool *present = nullptr)
{
    lua_pushstring(state, key);
    lua_rawget(state, -2);
    std::size_t size = 0;
    const char *text =
        lua_type(state, -1) == LUA_TSTRING ? lua_tolstring(state, -1, &size) : nullptr;
    if (present)
        *present = text != nullptr;
    QString value = text ? QString::fromUtf8(text, qsizetype(size)) : QString();
    lua_pop(state, 1);
    return value;
}

} // namespace

Health HealthScript::run(const QJsonObject &live, const Limits &limits) const
{
    const Text from =
        Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "Argo CD health script (%1)"), origin);
    const auto unknown = [&from](const Text &why) {
        return Health{Health::Status::Unknown,
                      Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: %2"), from, why)};
    };

    Budget budget;
    const std::unique_ptr<lua_State, decltype(&lua_close)> owner(lua_newstate(allocate, &budget),
                                                                 &lua_close);
    lua_State *state = owner.get();
    if (!state)
        return unknown(Text(QT_TRANSLATE_NOOP("gitops::Text", "Lua could not start")));

    lua_pushcfunction(state, openSandbox);
    lua_pushlightuserdata(state, const_cast<QJsonObject *>(&live));
    if (lua_pcall(state, 1, 0, 0) != LUA_OK)
        return unknown(
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "could not prepare the sandbox: %1"),
                           errorText(state)));

    // From here on the script's budgets count.
    budget.limit = budget.used + limits.memoryBytes;
    budget.maxInstructions = limits.instructions;
    budget.maxMilliseconds = limits.milliseconds;
    const QByteArray code = source.toUtf8();
    // "t": text only, a precompiled (bytecode) chunk is refused.
    int status =
        luaL_loadbufferx(state, code.constData(), std::size_t(code.size()), "=health.lua", "t");
    if (status == LUA_OK) {
        budget.clock.start();
        lua_sethook(state, countHook, LUA_MASKCOUNT, hookInterval);
        status = lua_pcall(state, 0, 1, 0);
        lua_sethook(state, nullptr, 0, 0);
    }
    // Reading the verdict is ours again.
    const bool outOfMemory = budget.memoryExceeded;
    budget.limit = 0;
    if (budget.stop == Budget::Stop::Instructions)
        return unknown(Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "stopped after %1 instructions, its budget"),
            qint64(limits.instructions)));
    if (budget.stop == Budget::Stop::Time)
        return unknown(
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "stopped after %1 ms, its time limit"),
                           qint64(limits.milliseconds)));
    if (status == LUA_ERRMEM || (status != LUA_OK && outOfMemory))
        return unknown(Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "stopped: it needed more than its %1 MiB of memory"),
            qint64(limits.memoryBytes / (1024 * 1024))));
    if (status == LUA_ERRSYNTAX)
        return unknown(Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "syntax error: %1"),
                                      errorText(state)));
    if (status != LUA_OK)
        return unknown(
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "error: %1"), errorText(state)));

    if (lua_type(state, -1) != LUA_TTABLE)
        return unknown(Text(QT_TRANSLATE_NOOP("gitops::Text", "returned no table with a status")));
    bool hasStatus = false;
    const QString name = stringField(state, "status", &hasStatus);
    const QString message = stringField(state, "message");
    const std::optional<Health::Status> verdict = Health::statusNamed(name);
    if (!verdict)
        return unknown(hasStatus
                           ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                              "returned the status \"%1\", which "
                                                              "is not a health"),
                                            name)
                           : Text(QT_TRANSLATE_NOOP("gitops::Text", "returned no status")));
    return {*verdict,
            message.isEmpty()
                ? from
                : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 (%2)"), message, from)};
}

} // namespace gitops::drift
