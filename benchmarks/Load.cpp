// Filling the workloads (Load.h). The JSON <-> C++ conversions here are the
// benchmark's own, written once over Boost.Describe, and are independent of the
// four libraries under test: a bug in any library's glue cannot hide in them.
#include "Load.h"

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace bench {
namespace {

using nlohmann::json;

// --- type traits ---------------------------------------------------------------
template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};
template <class T> struct IsArray : std::false_type {};
template <class T, std::size_t N> struct IsArray<std::array<T, N>> : std::true_type {};
template <class T> struct IsStringMap : std::false_type {};
template <class T> struct IsStringMap<std::map<std::string, T>> : std::true_type {};

template <class T>
constexpr bool IsDescribed = boost::describe::has_describe_members<T>::value;

template <class T>
using PublicMembers = boost::describe::describe_members<T, boost::describe::mod_public>;

[[noreturn]] void fail(const std::string& Path, const std::string& What) {
  throw std::runtime_error("at " + (Path.empty() ? std::string("/") : Path) + ": " + What);
}

// --- JSON -> C++: the loader -----------------------------------------------------
template <class T> void fromJson(const json& J, T& Out, const std::string& Path);

template <class T> void fromJsonInteger(const json& J, T& Out, const std::string& Path) {
  if (!J.is_number_integer())
    fail(Path, "expected an integer, found " + J.dump());
  if (J.is_number_unsigned()) {
    auto U = J.get<std::uint64_t>();
    if (U > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
      fail(Path, J.dump() + " does not fit the member's integer type");
    Out = static_cast<T>(U);
  } else {
    auto S = J.get<std::int64_t>();
    if (S < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
        S > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
      fail(Path, J.dump() + " does not fit the member's integer type");
    Out = static_cast<T>(S);
  }
}

template <class T> void fromJson(const json& J, T& Out, const std::string& Path) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!J.is_boolean())
      fail(Path, "expected a boolean, found " + J.dump());
    Out = J.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    fromJsonInteger(J, Out, Path);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!J.is_number())
      fail(Path, "expected a number, found " + J.dump());
    Out = static_cast<T>(J.get<double>());
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!J.is_string())
      fail(Path, "expected a string, found " + J.dump());
    Out = J.get<std::string>();
  } else if constexpr (IsOptional<T>::value) {
    if (J.is_null())
      Out.reset();
    else
      fromJson(J, Out.emplace(), Path);
  } else if constexpr (IsVector<T>::value) {
    if (!J.is_array())
      fail(Path, "expected an array, found " + J.dump());
    Out.resize(J.size());
    for (std::size_t I = 0; I < J.size(); ++I)
      fromJson(J[I], Out[I], Path + "/" + std::to_string(I));
  } else if constexpr (IsArray<T>::value) {
    if (!J.is_array() || J.size() != Out.size())
      fail(Path, "expected an array of " + std::to_string(Out.size()) + " elements, found " +
                     J.dump());
    for (std::size_t I = 0; I < Out.size(); ++I)
      fromJson(J[I], Out[I], Path + "/" + std::to_string(I));
  } else if constexpr (IsStringMap<T>::value) {
    if (!J.is_object())
      fail(Path, "expected an object, found " + J.dump());
    Out.clear();
    for (const auto& [Key, Value] : J.items())
      fromJson(Value, Out[Key], Path + "/" + Key);
  } else if constexpr (IsDescribed<T>) {
    if (!J.is_object())
      fail(Path, "expected an object, found " + J.dump());
    std::size_t Matched = 0;
    boost::mp11::mp_for_each<PublicMembers<T>>([&](auto D) {
      auto& Member = Out.*D.pointer;
      auto It = J.find(D.name);
      if (It == J.end()) {
        // A member the record lacks: only an optional may be absent.
        if constexpr (IsOptional<std::remove_reference_t<decltype(Member)>>::value)
          Member.reset();
        else
          fail(Path, std::string("the document lacks the member \"") + D.name + "\"");
      } else {
        ++Matched;
        fromJson(*It, Member, Path + "/" + D.name);
      }
    });
    if (Matched != J.size()) // a key the C++ type does not model
      for (const auto& [Key, Value] : J.items()) {
        bool Known = false;
        boost::mp11::mp_for_each<PublicMembers<T>>([&](auto D) { Known |= Key == D.name; });
        if (!Known)
          fail(Path, "the C++ type has no member for the key \"" + Key + "\"");
      }
  } else {
    static_assert(sizeof(T) == 0, "fromJson: unsupported type");
  }
}

// --- C++ -> JSON: the reference converter (for generated workloads) --------------
template <class T> json toJson(const T& V) {
  if constexpr (std::is_same_v<T, bool>) {
    return json(V);
  } else if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_signed_v<T>)
      return json(static_cast<std::int64_t>(V));
    else
      return json(static_cast<std::uint64_t>(V));
  } else if constexpr (std::is_floating_point_v<T>) {
    return json(static_cast<double>(V));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return json(V);
  } else if constexpr (IsOptional<T>::value) {
    return V ? toJson(*V) : json(nullptr);
  } else if constexpr (IsVector<T>::value || IsArray<T>::value) {
    json A = json::array();
    for (const auto& E : V)
      A.push_back(toJson(E));
    return A;
  } else if constexpr (IsStringMap<T>::value) {
    json O = json::object();
    for (const auto& [Key, Value] : V)
      O[Key] = toJson(Value);
    return O;
  } else if constexpr (IsDescribed<T>) {
    json O = json::object();
    boost::mp11::mp_for_each<PublicMembers<T>>(
        [&](auto D) { O[D.name] = toJson(V.*D.pointer); });
    return O;
  } else {
    static_assert(sizeof(T) == 0, "toJson: unsupported type");
  }
}

/// Renames every key From to To, at any depth.
void renameKeys(json& J, const std::string& From, const std::string& To) {
  if (J.is_object()) {
    if (auto It = J.find(From); It != J.end()) {
      json Moved = std::move(*It);
      J.erase(It);
      J[To] = std::move(Moved);
    }
    for (auto& [Key, Value] : J.items())
      renameKeys(Value, From, To);
  } else if (J.is_array()) {
    for (json& E : J)
      renameKeys(E, From, To);
  }
}

// --- deterministic generators ------------------------------------------------------
// SplitMix64: fully specified, so every compiler and standard library generates
// the same documents (std::uniform_*_distribution are implementation-defined).
struct Rng {
  std::uint64_t State;
  std::uint64_t next() {
    std::uint64_t Z = (State += 0x9e3779b97f4a7c15ULL);
    Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
    return Z ^ (Z >> 31);
  }
  std::uint64_t below(std::uint64_t N) { return next() % N; }
  std::int64_t between(std::int64_t Lo, std::int64_t Hi) { // inclusive
    return Lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(Hi - Lo + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double P) { return unit() < P; }
  template <class T, std::size_t N> const T& pick(const T (&A)[N]) { return A[below(N)]; }
};

constexpr std::uint64_t TwitterSeed = 20140831;
constexpr std::uint64_t CitmSeed = 2013;
constexpr std::uint64_t CanadaSeed = 1867;

// Text like the document's: mostly Japanese (3-byte UTF-8), some emoji
// (4-byte), ASCII words, newlines and quotes (which need escapes).
const char* const Japanese[] = {
    "名前", "前田あゆみ", "第一印象", "なんか怖っ！", "今の印象", "とりあえずキモい。",
    "噛み合わない", "好きなところ", "思い出", "んーーー、ありすぎ", "一言", "お前は一生もんのダチ",
    "ありがとう", "最高の夏", "野球部", "マネージャー", "おはようございます", "今日は一日",
    "天気がいい", "です。", "、", "一緒に", "頑張ろう", "楽しかった", "また会おうね", "写真",
    "公式アカウント", "フォローしてね", "拡散希望", "大好き"};
const char* const Emoji[] = {"😋", "✨", "😊", "❤️", "✋", "😘", "💖", "😂", "👍", "🎉"};
const char* const Ascii[] = {"LINE", "RT", "the", "and", "http", "love", "today", "my",
                             "best", "friend", "summer", "2014", "ok", "lol"};
const char* const Sources[] = {
    "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
    "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
    "web",
    "<a href=\"http://twittbot.net/\" rel=\"nofollow\">twittbot.net</a>"};
const char* const Days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const char* const Months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const TimeZones[] = {"Tokyo", "Osaka", "Irkutsk", "Hawaii", "Pacific Time (US & Canada)"};

std::string text(Rng& R, int Pieces) {
  std::string S;
  for (int I = 0; I < Pieces; ++I) {
    std::uint64_t Kind = R.below(20);
    if (Kind < 12)
      S += R.pick(Japanese);
    else if (Kind < 15)
      S += R.pick(Emoji);
    else if (Kind < 18)
      (S += R.pick(Ascii)) += ' ';
    else if (Kind < 19)
      S += '\n';
    else
      S += "\"";
  }
  return S;
}

std::string alnum(Rng& R, int Length) {
  static const char Chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  std::string S;
  for (int I = 0; I < Length; ++I)
    S += Chars[R.below(sizeof(Chars) - 1)];
  return S;
}

std::string hexColor(Rng& R) {
  static const char Digits[] = "0123456789ABCDEF";
  std::string S;
  for (int I = 0; I < 6; ++I)
    S += Digits[R.below(16)];
  return S;
}

std::string date(Rng& R) {
  char Buffer[64];
  std::snprintf(Buffer, sizeof Buffer, "%s %s %02d %02d:%02d:%02d +0000 %d", R.pick(Days),
                R.pick(Months), static_cast<int>(R.between(1, 28)),
                static_cast<int>(R.between(0, 23)), static_cast<int>(R.between(0, 59)),
                static_cast<int>(R.between(0, 59)), static_cast<int>(R.between(2007, 2014)));
  return Buffer;
}

std::array<std::int32_t, 2> indices(Rng& R) {
  auto Start = static_cast<std::int32_t>(R.between(0, 100));
  return {Start, Start + static_cast<std::int32_t>(R.between(5, 30))};
}

twitter::Url url(Rng& R) {
  std::string Path = alnum(R, 10);
  return {"http://t.co/" + Path, "http://example.com/" + alnum(R, 24), "example.com/" + alnum(R, 12) + "…",
          indices(R)};
}

twitter::User user(Rng& R) {
  twitter::User U{};
  U.id = R.between(10000000, 2800000000);
  U.id_str = std::to_string(U.id);
  U.name = R.chance(0.6) ? text(R, 2) : alnum(R, 8);
  U.screen_name = alnum(R, static_cast<int>(R.between(5, 15)));
  U.location = R.chance(0.5) ? text(R, static_cast<int>(R.between(1, 3))) : "";
  U.description = text(R, static_cast<int>(R.between(4, 24)));
  if (R.chance(0.11)) {
    twitter::Url Link = url(R);
    U.url = Link.url;
    U.entities.url = twitter::UrlList{{Link}};
  }
  if (R.chance(0.04))
    U.entities.description.urls.push_back(url(R));
  U.protected_ = R.chance(0.02);
  U.followers_count = static_cast<std::int32_t>(R.between(0, 200000));
  U.friends_count = static_cast<std::int32_t>(R.between(0, 5000));
  U.listed_count = static_cast<std::int32_t>(R.between(0, 1000));
  U.created_at = date(R);
  U.favourites_count = static_cast<std::int32_t>(R.between(0, 20000));
  if (R.chance(0.19)) {
    U.utc_offset = static_cast<std::int32_t>(R.between(-12, 12) * 3600);
    U.time_zone = R.pick(TimeZones);
  }
  U.geo_enabled = R.chance(0.3);
  U.verified = R.chance(0.02);
  U.statuses_count = static_cast<std::int32_t>(R.between(0, 100000));
  U.lang = R.chance(0.9) ? "ja" : "en";
  U.contributors_enabled = false;
  U.is_translator = false;
  U.is_translation_enabled = R.chance(0.05);
  U.profile_background_color = hexColor(R);
  U.profile_background_image_url = "http://abs.twimg.com/images/themes/theme1/bg.png";
  U.profile_background_image_url_https = "https://abs.twimg.com/images/themes/theme1/bg.png";
  U.profile_background_tile = R.chance(0.2);
  std::string Image = std::to_string(R.between(100000000000000000, 999999999999999999)) + "/" +
                      alnum(R, 8) + "_normal.jpeg";
  U.profile_image_url = "http://pbs.twimg.com/profile_images/" + Image;
  U.profile_image_url_https = "https://pbs.twimg.com/profile_images/" + Image;
  if (R.chance(0.86))
    U.profile_banner_url =
        "https://pbs.twimg.com/profile_banners/" + U.id_str + "/" + std::to_string(R.between(1300000000, 1409999999));
  U.profile_link_color = hexColor(R);
  U.profile_sidebar_border_color = hexColor(R);
  U.profile_sidebar_fill_color = hexColor(R);
  U.profile_text_color = hexColor(R);
  U.profile_use_background_image = R.chance(0.9);
  U.default_profile = R.chance(0.5);
  U.default_profile_image = R.chance(0.05);
  U.following = false;
  U.follow_request_sent = false;
  U.notifications = false;
  return U;
}

twitter::Media media(Rng& R) {
  twitter::Media M{};
  M.id = R.between(400000000000000000, 505874924095815700);
  M.id_str = std::to_string(M.id);
  M.indices = indices(R);
  std::string Name = alnum(R, 15);
  M.media_url = "http://pbs.twimg.com/media/" + Name + ".jpg";
  M.media_url_https = "https://pbs.twimg.com/media/" + Name + ".jpg";
  M.url = "http://t.co/" + alnum(R, 10);
  M.display_url = "pic.twitter.com/" + alnum(R, 10);
  M.expanded_url = "http://twitter.com/" + alnum(R, 10) + "/status/" + M.id_str + "/photo/1";
  M.type = "photo";
  auto Size = [&](std::int32_t W, const char* Resize) {
    return twitter::MediaSize{W, static_cast<std::int32_t>(R.between(W / 2, W * 2)), Resize};
  };
  M.sizes = {Size(600, "fit"), Size(340, "fit"), Size(150, "crop"), Size(1024, "fit")};
  if (R.chance(0.6)) {
    M.source_status_id = R.between(400000000000000000, 505874924095815700);
    M.source_status_id_str = std::to_string(*M.source_status_id);
  }
  return M;
}

template <class S> void status(Rng& R, S& T, std::int64_t Id) {
  T.metadata = {"recent", R.chance(0.95) ? "ja" : "en"};
  T.created_at = date(R);
  T.id = Id;
  T.id_str = std::to_string(Id);
  T.text = text(R, static_cast<int>(R.between(6, 40)));
  T.source = R.pick(Sources);
  T.truncated = false;
  if (R.chance(0.06)) {
    T.in_reply_to_status_id = Id - R.between(1, 1000000000);
    T.in_reply_to_status_id_str = std::to_string(*T.in_reply_to_status_id);
  }
  if (R.chance(0.09)) {
    T.in_reply_to_user_id = R.between(10000000, 2800000000);
    T.in_reply_to_user_id_str = std::to_string(*T.in_reply_to_user_id);
    T.in_reply_to_screen_name = alnum(R, 9);
  }
  T.user = user(R);
  T.retweet_count = static_cast<std::int32_t>(R.between(0, 500));
  T.favorite_count = static_cast<std::int32_t>(R.between(0, 300));
  if (R.chance(0.08))
    T.entities.hashtags.push_back({text(R, 1), indices(R)});
  if (R.chance(0.13))
    T.entities.urls.push_back(url(R));
  if (R.chance(0.06))
    T.entities.media = std::vector<twitter::Media>{media(R)};
  T.favorited = false;
  T.retweeted = false;
  if (R.chance(0.15))
    T.possibly_sensitive = false;
  T.lang = T.metadata.iso_language_code;
}

twitter::Twitter generateTwitter() {
  Rng R{TwitterSeed};
  twitter::Twitter T{};
  std::int64_t Id = 505874924095815700;
  for (int I = 0; I < 100; ++I) {
    twitter::Status& S = T.statuses.emplace_back();
    status(R, S, Id);
    Id -= R.between(1000, 100000000);
    if (R.chance(0.73)) {
      twitter::RetweetedStatus& Original = S.retweeted_status.emplace();
      status(R, Original, Id - R.between(100000000, 1000000000000));
      S.text = "RT @" + Original.user.screen_name + ": " + Original.text;
      S.entities.user_mentions.push_back({Original.user.screen_name, Original.user.name,
                                          Original.user.id, Original.user.id_str,
                                          {3, 4 + static_cast<std::int32_t>(
                                                      Original.user.screen_name.size())}});
    } else if (R.chance(0.5)) {
      twitter::User Mentioned = user(R);
      S.entities.user_mentions.push_back(
          {Mentioned.screen_name, Mentioned.name, Mentioned.id, Mentioned.id_str, indices(R)});
    }
  }
  T.search_metadata = {0.087,
                       505874924095815700,
                       "505874924095815681",
                       "?max_id=505874847260352512&q=%E4%B8%80&count=100&include_entities=1",
                       "%E4%B8%80",
                       "?since_id=505874924095815681&q=%E4%B8%80&include_entities=1",
                       100,
                       0,
                       "0"};
  return T;
}

// citm_catalog: the document's counts (184 events, 243 performances, 17 areas,
// 64 seat categories, 19 sub-topics in 4 topics) and distributions (1-5 prices
// per performance, 1-16 areas per seat category, about half the logos null).
const char* const EventNames[] = {
    "30th Anniversary Tour", "Berliner Philharmoniker", "Pittsburgh Symphony Orchestra",
    "Orchestre Philharmonique de Radio France", "WDR Sinfonieorchester Köln",
    "Alessandro - G.F. Haendel", "Orchestre Colonne", "Christophe", "Joshua Redman Quartet",
    "Orchestre de Paris", "Les Arts Florissants", "Quatuor Ébène", "Récital de piano",
    "Orchestre National d'Île-de-France", "Les Musiciens du Louvre", "Chœur de chambre"};
const char* const AreaNames[] = {
    "Arrière-scène central", "1er balcon central", "2ème balcon bergerie cour",
    "2ème balcon bergerie jardin", "1er balcon bergerie jardin", "1er balcon bergerie cour",
    "Arrière-scène jardin", "Arrière-scène cour", "2ème balcon jardin", "2ème balcon cour",
    "2ème Balcon central", "1er balcon jardin", "1er balcon cour", "Orchestre central",
    "Orchestre jardin", "Orchestre cour", "Zone physique secrète"};
const char* const SubTopicNames[] = {
    "Musique amplifiée", "Musique baroque", "Ciné-concert", "Musique classique", "Jazz",
    "Musique de chambre", "Musique dirigée", "Musique du monde", "Pop/rock", "Musique de chambre",
    "Famille", "Concert", "Opéra (version de concert)", "Musique contemporaine", "Musique vocale",
    "Musique ancienne", "Chanson", "Voix", "famille"};
const char* const TopicNames[] = {"Activité", "Type de public", "Genre", "Formations musicales"};
const char* const CategoryNames[] = {"1ère catégorie", "2ème catégorie", "3ème catégorie",
                                     "4ème catégorie", "5ème catégorie", "Catégorie unique",
                                     "Catégorie 1", "CAT1"};
const int PricesPerPerformance[] = {1, 2, 4, 4, 4, 5, 5, 5};
const int AreasPerCategory[] = {1, 5, 6, 6, 6, 6, 7, 10, 10, 10, 11, 11, 11, 12, 13, 13, 16};

std::string logo(Rng& R) { return "/images/UE0AAAAACEKo" + alnum(R, 4) + "AAAAZDSVRN"; }

citm::CitmCatalog generateCitm() {
  Rng R{CitmSeed};
  citm::CitmCatalog C{};
  std::vector<std::int64_t> Areas, Categories, SubTopics, Topics, Events;
  for (std::int64_t I = 0; I < 17; ++I) {
    Areas.push_back(I == 16 ? 342752287 : 205705993 + I);
    C.areaNames[std::to_string(Areas.back())] = AreaNames[I];
  }
  C.audienceSubCategoryNames["337100890"] = "Abonné";
  std::int64_t Id = 338937235;
  for (int I = 0; I < 64; ++I) {
    Categories.push_back(Id);
    C.seatCategoryNames[std::to_string(Id)] = R.pick(CategoryNames);
    Id += R.between(1, R.chance(0.1) ? 200000 : 3);
  }
  for (std::int64_t I = 0; I < 19; ++I) {
    SubTopics.push_back(337184262 + 2 * I);
    C.subTopicNames[std::to_string(SubTopics.back())] = SubTopicNames[I];
  }
  for (std::int64_t I = 0; I < 4; ++I) {
    Topics.push_back(I == 0 ? 107888604 : 324846097 + I);
    C.topicNames[std::to_string(Topics.back())] = TopicNames[I];
  }
  for (std::size_t I = 0; I < SubTopics.size(); ++I) // each sub-topic in one topic
    C.topicSubTopics[std::to_string(Topics[R.below(Topics.size())])].push_back(SubTopics[I]);
  C.venueNames["PLEYEL_PLEYEL"] = "Salle Pleyel";
  for (std::int64_t I = 0; I < 184; ++I) {
    citm::Event E{};
    E.id = 138586341 + 4 * I;
    if (R.chance(0.51))
      E.logo = logo(R);
    E.name = R.pick(EventNames);
    if (!R.chance(0.03)) {
      for (auto N = R.between(2, 5); N > 0; --N)
        E.subTopicIds.push_back(SubTopics[R.below(SubTopics.size())]);
      for (auto N = R.between(2, 4); N > 0; --N)
        E.topicIds.push_back(Topics[R.below(Topics.size())]);
    }
    Events.push_back(E.id);
    C.events[std::to_string(E.id)] = std::move(E);
  }
  for (int I = 0; I < 243; ++I) {
    citm::Performance P{};
    P.eventId = Events[R.below(Events.size())];
    P.id = R.between(138586347, 342742596);
    if (R.chance(0.44))
      P.logo = logo(R);
    for (int N = R.pick(PricesPerPerformance); N > 0; --N) {
      std::int64_t Category = Categories[R.below(Categories.size())];
      P.prices.push_back({static_cast<std::int32_t>(950 * R.between(10, 100)), 337100890, Category});
      citm::SeatCategory& S = P.seatCategories.emplace_back();
      S.seatCategoryId = Category;
      for (int A = R.pick(AreasPerCategory); A > 0; --A)
        S.areas.push_back({Areas[R.below(Areas.size())], {}});
    }
    P.start = 1372701600000 + 3600000 * R.between(0, 24 * 367);
    P.venueCode = "PLEYEL_PLEYEL";
    C.performances.push_back(std::move(P));
  }
  return C;
}

canada::Canada generateCanada() {
  Rng R{CanadaSeed};
  canada::Geometry G{"Polygon", {}};
  for (int Ring = 0; Ring < 480; ++Ring) {
    auto& Points = G.coordinates.emplace_back();
    double X = -141.0 + 89.0 * R.unit();
    double Y = 42.0 + 41.0 * R.unit();
    auto Count = R.between(4, 227);
    for (std::int64_t I = 0; I + 1 < Count; ++I) {
      Points.push_back({X, Y});
      X += 0.02 * (R.unit() - 0.5);
      Y += 0.02 * (R.unit() - 0.5);
    }
    Points.push_back(Points.front()); // GeoJSON rings are closed
  }
  canada::Canada C{"FeatureCollection", {}};
  C.features.push_back({"Feature", {"Canada"}, std::move(G)});
  return C;
}

// --- loading -----------------------------------------------------------------------
/// Parses the file at Path, or returns a discarded value if it does not exist.
json readDocument(const std::string& Path) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return json(json::value_t::discarded);
  std::stringstream Text;
  Text << In.rdbuf();
  json J = json::parse(Text.str(), nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded())
    throw std::runtime_error(Path + " is not valid JSON");
  return J;
}

/// Fills Value from DataDir/File when present, else with Generate(); returns the source.
template <class T, class Generator>
Source load(T& Value, const char* Workload, const std::string& DataDir, const char* File,
            std::uint64_t Seed, Generator Generate, void (*Normalize)(json&) = nullptr) {
  Source S;
  S.Workload = Workload;
  json Doc = DataDir.empty() ? json(json::value_t::discarded) : readDocument(DataDir + "/" + File);
  if (!Doc.is_discarded()) {
    if (Normalize)
      Normalize(Doc);
    S.Origin = DataDir + "/" + File;
    try {
      fromJson(Doc, Value, "");
    } catch (const std::runtime_error& E) {
      throw std::runtime_error(S.Origin + " does not fit the C++ type of the " + Workload +
                               " workload " + E.what());
    }
    S.Doc = std::move(Doc);
  } else {
    Value = Generate();
    S.Origin = Seed ? "generated (seed " + std::to_string(Seed) + ")" : "built in";
    S.Doc = toJson(Value);
  }
  return S;
}

template <class T> Source builtIn(const char* Workload, const T& Value) {
  return Source{Workload, "built in", toJson(Value), {}};
}

} // namespace

std::vector<Source> loadWorkloads(Values& V, const std::string& DataDir) {
  std::vector<Source> Sources;
  // The C++ struct (shared with jitson-demo) stores float_array as float, so
  // its numbers are compared at float precision.
  Sources.push_back(load(V.JsonPerf, JsonPerformanceName, DataDir, "json_performance.json", 0,
                         [] { return makeDocument(); }));
  Sources.back().FloatPaths = {"/fixed_object/float_array/*"};
  Sources.push_back(load(V.Twitter, TwitterName, DataDir, "twitter.json", TwitterSeed,
                         generateTwitter,
                         [](json& J) { renameKeys(J, "protected", "protected_"); }));
  Sources.push_back(load(V.Citm, CitmName, DataDir, "citm_catalog.json", CitmSeed, generateCitm));
  Sources.push_back(load(V.Canada, CanadaName, DataDir, "canada.json", CanadaSeed, generateCanada));

  V.MicroInt64 = -1234567890123456789;
  V.MicroString = "Hello, world";
  V.MicroEmpty = {};
  V.MicroSmall = {42, "widget", 3.25, true, 7, "blue"};
  Sources.push_back(builtIn(MicroInt64Name, V.MicroInt64));
  Sources.push_back(builtIn(MicroStringName, V.MicroString));
  Sources.push_back(builtIn(MicroEmptyName, V.MicroEmpty));
  Sources.push_back(builtIn(MicroSmallName, V.MicroSmall));
  return Sources;
}

} // namespace bench
