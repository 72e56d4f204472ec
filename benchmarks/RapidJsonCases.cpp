// RapidJSON 1.1 used the fastest idiomatic way: hand-written code per struct
// driving a rapidjson::Writer<rapidjson::StringBuffer>, with the buffer reused
// across iterations (Clear() keeps its capacity). Only writer.h and
// stringbuffer.h are used: RapidJSON 1.1's document.h does not compile with
// clang++ 19. SIMD string scanning is on (RAPIDJSON_SSE42, or RAPIDJSON_SSE2
// on CPUs without SSE4.2), as RapidJSON recommends for speed.
#if defined(__SSE4_2__)
#define RAPIDJSON_SSE42
#elif defined(__SSE2__)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "Cases.h"

#include <cstddef>
#include <map>

namespace bench {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// --- values --------------------------------------------------------------------
void put(Writer& W, bool V) { W.Bool(V); }
void put(Writer& W, std::int32_t V) { W.Int(V); }
void put(Writer& W, std::int64_t V) { W.Int64(V); }
void put(Writer& W, double V) { W.Double(V); }
void put(Writer& W, float V) { W.Double(V); } // RapidJSON has no float formatting
void put(Writer& W, const std::string& V) {
  W.String(V.data(), static_cast<rapidjson::SizeType>(V.size()));
}
// Every struct overload is declared before the container templates: their
// element calls are looked up at the templates' definition (ADL would search
// only the element type's namespace, not this one).
void put(Writer& W, const JsonPerformance& V);
void put(Writer& W, const twitter::Metadata& V);
void put(Writer& W, const twitter::Hashtag& V);
void put(Writer& W, const twitter::Url& V);
void put(Writer& W, const twitter::UserMention& V);
void put(Writer& W, const twitter::MediaSize& V);
void put(Writer& W, const twitter::Media& V);
void put(Writer& W, const twitter::StatusEntities& V);
void put(Writer& W, const twitter::UrlList& V);
void put(Writer& W, const twitter::User& V);
void put(Writer& W, const twitter::Point& V);
void put(Writer& W, const twitter::Place& V);
void put(Writer& W, const twitter::RetweetedStatus& V);
void put(Writer& W, const twitter::Status& V);
void put(Writer& W, const twitter::Twitter& V);
void put(Writer& W, const citm::Event& V);
void put(Writer& W, const citm::Price& V);
void put(Writer& W, const citm::Area& V);
void put(Writer& W, const citm::SeatCategory& V);
void put(Writer& W, const citm::Performance& V);
void put(Writer& W, const citm::CitmCatalog& V);
void put(Writer& W, const canada::Canada& V);
void put(Writer& W, const micro::Empty& V);
void put(Writer& W, const micro::Small& V);
template <class T> void put(Writer& W, const std::optional<T>& V);
template <class T> void put(Writer& W, const std::vector<T>& V);
template <class T, std::size_t N> void put(Writer& W, const std::array<T, N>& V);
template <class T> void put(Writer& W, const std::map<std::string, T>& V);

template <class T> void put(Writer& W, const std::optional<T>& V) {
  if (V)
    put(W, *V);
  else
    W.Null();
}
template <class T> void put(Writer& W, const std::vector<T>& V) {
  W.StartArray();
  for (const T& E : V)
    put(W, E);
  W.EndArray();
}
template <class T, std::size_t N> void put(Writer& W, const std::array<T, N>& V) {
  W.StartArray();
  for (const T& E : V)
    put(W, E);
  W.EndArray();
}
// A map keyed by strings: an object, its keys in the map's (sorted) order.
template <class T> void put(Writer& W, const std::map<std::string, T>& V) {
  W.StartObject();
  for (const auto& [K, E] : V) {
    W.Key(K.data(), static_cast<rapidjson::SizeType>(K.size()));
    put(W, E);
  }
  W.EndObject();
}
// A key from a string literal: its length is known at compile time.
template <std::size_t N> void key(Writer& W, const char (&K)[N]) { W.Key(K, N - 1); }

// --- json_performance ----------------------------------------------------------
void put(Writer& W, const JsonPerformance& V) {
  W.StartObject();
  key(W, "fixed_object");
  W.StartObject();
  key(W, "int_array");
  put(W, V.fixed_object.int_array);
  key(W, "float_array");
  put(W, V.fixed_object.float_array);
  key(W, "double_array");
  put(W, V.fixed_object.double_array);
  W.EndObject();
  key(W, "fixed_name_object");
  W.StartObject();
  key(W, "name0");
  put(W, V.fixed_name_object.name0);
  key(W, "name1");
  put(W, V.fixed_name_object.name1);
  key(W, "name2");
  put(W, V.fixed_name_object.name2);
  key(W, "name3");
  put(W, V.fixed_name_object.name3);
  key(W, "name4");
  put(W, V.fixed_name_object.name4);
  W.EndObject();
  const AnotherObject& A = V.another_object;
  key(W, "another_object");
  W.StartObject();
  key(W, "string");
  put(W, A.string);
  key(W, "another_string");
  put(W, A.another_string);
  key(W, "escaped_text");
  put(W, A.escaped_text);
  key(W, "boolean");
  put(W, A.boolean);
  key(W, "nested_object");
  W.StartObject();
  key(W, "v3s");
  put(W, A.nested_object.v3s);
  key(W, "id");
  put(W, A.nested_object.id);
  W.EndObject();
  W.EndObject();
  key(W, "string_array");
  put(W, V.string_array);
  key(W, "string");
  put(W, V.string);
  key(W, "number");
  put(W, V.number);
  key(W, "boolean");
  put(W, V.boolean);
  key(W, "another_bool");
  put(W, V.another_bool);
  W.EndObject();
}

// --- twitter ---------------------------------------------------------------------
namespace tw = twitter;

void put(Writer& W, const tw::Metadata& V) {
  W.StartObject();
  key(W, "result_type");
  put(W, V.result_type);
  key(W, "iso_language_code");
  put(W, V.iso_language_code);
  W.EndObject();
}

void put(Writer& W, const tw::Hashtag& V) {
  W.StartObject();
  key(W, "text");
  put(W, V.text);
  key(W, "indices");
  put(W, V.indices);
  W.EndObject();
}

void put(Writer& W, const tw::Url& V) {
  W.StartObject();
  key(W, "url");
  put(W, V.url);
  key(W, "expanded_url");
  put(W, V.expanded_url);
  key(W, "display_url");
  put(W, V.display_url);
  key(W, "indices");
  put(W, V.indices);
  W.EndObject();
}

void put(Writer& W, const tw::UserMention& V) {
  W.StartObject();
  key(W, "screen_name");
  put(W, V.screen_name);
  key(W, "name");
  put(W, V.name);
  key(W, "id");
  put(W, V.id);
  key(W, "id_str");
  put(W, V.id_str);
  key(W, "indices");
  put(W, V.indices);
  W.EndObject();
}

void put(Writer& W, const tw::MediaSize& V) {
  W.StartObject();
  key(W, "w");
  put(W, V.w);
  key(W, "h");
  put(W, V.h);
  key(W, "resize");
  put(W, V.resize);
  W.EndObject();
}

void put(Writer& W, const tw::Media& V) {
  W.StartObject();
  key(W, "id");
  put(W, V.id);
  key(W, "id_str");
  put(W, V.id_str);
  key(W, "indices");
  put(W, V.indices);
  key(W, "media_url");
  put(W, V.media_url);
  key(W, "media_url_https");
  put(W, V.media_url_https);
  key(W, "url");
  put(W, V.url);
  key(W, "display_url");
  put(W, V.display_url);
  key(W, "expanded_url");
  put(W, V.expanded_url);
  key(W, "type");
  put(W, V.type);
  key(W, "sizes");
  W.StartObject();
  key(W, "medium");
  put(W, V.sizes.medium);
  key(W, "small");
  put(W, V.sizes.small);
  key(W, "thumb");
  put(W, V.sizes.thumb);
  key(W, "large");
  put(W, V.sizes.large);
  W.EndObject();
  key(W, "source_status_id");
  put(W, V.source_status_id);
  key(W, "source_status_id_str");
  put(W, V.source_status_id_str);
  W.EndObject();
}

void put(Writer& W, const tw::StatusEntities& V) {
  W.StartObject();
  key(W, "hashtags");
  put(W, V.hashtags);
  key(W, "symbols");
  put(W, V.symbols);
  key(W, "urls");
  put(W, V.urls);
  key(W, "user_mentions");
  put(W, V.user_mentions);
  key(W, "media");
  put(W, V.media);
  W.EndObject();
}

void put(Writer& W, const tw::UrlList& V) {
  W.StartObject();
  key(W, "urls");
  put(W, V.urls);
  W.EndObject();
}

void put(Writer& W, const tw::User& V) {
  W.StartObject();
  key(W, "id");
  put(W, V.id);
  key(W, "id_str");
  put(W, V.id_str);
  key(W, "name");
  put(W, V.name);
  key(W, "screen_name");
  put(W, V.screen_name);
  key(W, "location");
  put(W, V.location);
  key(W, "description");
  put(W, V.description);
  key(W, "url");
  put(W, V.url);
  key(W, "entities");
  W.StartObject();
  key(W, "url");
  put(W, V.entities.url);
  key(W, "description");
  put(W, V.entities.description);
  W.EndObject();
  key(W, "protected_"); // the member's name, as the other libraries write it
  put(W, V.protected_);
  key(W, "followers_count");
  put(W, V.followers_count);
  key(W, "friends_count");
  put(W, V.friends_count);
  key(W, "listed_count");
  put(W, V.listed_count);
  key(W, "created_at");
  put(W, V.created_at);
  key(W, "favourites_count");
  put(W, V.favourites_count);
  key(W, "utc_offset");
  put(W, V.utc_offset);
  key(W, "time_zone");
  put(W, V.time_zone);
  key(W, "geo_enabled");
  put(W, V.geo_enabled);
  key(W, "verified");
  put(W, V.verified);
  key(W, "statuses_count");
  put(W, V.statuses_count);
  key(W, "lang");
  put(W, V.lang);
  key(W, "contributors_enabled");
  put(W, V.contributors_enabled);
  key(W, "is_translator");
  put(W, V.is_translator);
  key(W, "is_translation_enabled");
  put(W, V.is_translation_enabled);
  key(W, "profile_background_color");
  put(W, V.profile_background_color);
  key(W, "profile_background_image_url");
  put(W, V.profile_background_image_url);
  key(W, "profile_background_image_url_https");
  put(W, V.profile_background_image_url_https);
  key(W, "profile_background_tile");
  put(W, V.profile_background_tile);
  key(W, "profile_image_url");
  put(W, V.profile_image_url);
  key(W, "profile_image_url_https");
  put(W, V.profile_image_url_https);
  key(W, "profile_banner_url");
  put(W, V.profile_banner_url);
  key(W, "profile_link_color");
  put(W, V.profile_link_color);
  key(W, "profile_sidebar_border_color");
  put(W, V.profile_sidebar_border_color);
  key(W, "profile_sidebar_fill_color");
  put(W, V.profile_sidebar_fill_color);
  key(W, "profile_text_color");
  put(W, V.profile_text_color);
  key(W, "profile_use_background_image");
  put(W, V.profile_use_background_image);
  key(W, "default_profile");
  put(W, V.default_profile);
  key(W, "default_profile_image");
  put(W, V.default_profile_image);
  key(W, "following");
  put(W, V.following);
  key(W, "follow_request_sent");
  put(W, V.follow_request_sent);
  key(W, "notifications");
  put(W, V.notifications);
  W.EndObject();
}

void put(Writer& W, const tw::Point& V) {
  W.StartObject();
  key(W, "type");
  put(W, V.type);
  key(W, "coordinates");
  put(W, V.coordinates);
  W.EndObject();
}

void put(Writer& W, const tw::Place& V) {
  W.StartObject();
  key(W, "id");
  put(W, V.id);
  key(W, "url");
  put(W, V.url);
  key(W, "place_type");
  put(W, V.place_type);
  key(W, "name");
  put(W, V.name);
  key(W, "full_name");
  put(W, V.full_name);
  key(W, "country_code");
  put(W, V.country_code);
  key(W, "country");
  put(W, V.country);
  W.EndObject();
}

// The members a status and a retweeted status share, up to contributors, and
// from retweet_count on: a Status writes its retweeted_status between them.
template <class S> void putStatusHead(Writer& W, const S& V) {
  key(W, "metadata");
  put(W, V.metadata);
  key(W, "created_at");
  put(W, V.created_at);
  key(W, "id");
  put(W, V.id);
  key(W, "id_str");
  put(W, V.id_str);
  key(W, "text");
  put(W, V.text);
  key(W, "source");
  put(W, V.source);
  key(W, "truncated");
  put(W, V.truncated);
  key(W, "in_reply_to_status_id");
  put(W, V.in_reply_to_status_id);
  key(W, "in_reply_to_status_id_str");
  put(W, V.in_reply_to_status_id_str);
  key(W, "in_reply_to_user_id");
  put(W, V.in_reply_to_user_id);
  key(W, "in_reply_to_user_id_str");
  put(W, V.in_reply_to_user_id_str);
  key(W, "in_reply_to_screen_name");
  put(W, V.in_reply_to_screen_name);
  key(W, "user");
  put(W, V.user);
  key(W, "geo");
  put(W, V.geo);
  key(W, "coordinates");
  put(W, V.coordinates);
  key(W, "place");
  put(W, V.place);
  key(W, "contributors");
  put(W, V.contributors);
}

template <class S> void putStatusTail(Writer& W, const S& V) {
  key(W, "retweet_count");
  put(W, V.retweet_count);
  key(W, "favorite_count");
  put(W, V.favorite_count);
  key(W, "entities");
  put(W, V.entities);
  key(W, "favorited");
  put(W, V.favorited);
  key(W, "retweeted");
  put(W, V.retweeted);
  key(W, "possibly_sensitive");
  put(W, V.possibly_sensitive);
  key(W, "lang");
  put(W, V.lang);
}

void put(Writer& W, const tw::RetweetedStatus& V) {
  W.StartObject();
  putStatusHead(W, V);
  putStatusTail(W, V);
  W.EndObject();
}

void put(Writer& W, const tw::Status& V) {
  W.StartObject();
  putStatusHead(W, V);
  key(W, "retweeted_status");
  put(W, V.retweeted_status);
  putStatusTail(W, V);
  W.EndObject();
}

void put(Writer& W, const tw::Twitter& V) {
  W.StartObject();
  key(W, "statuses");
  put(W, V.statuses);
  const tw::SearchMetadata& M = V.search_metadata;
  key(W, "search_metadata");
  W.StartObject();
  key(W, "completed_in");
  put(W, M.completed_in);
  key(W, "max_id");
  put(W, M.max_id);
  key(W, "max_id_str");
  put(W, M.max_id_str);
  key(W, "next_results");
  put(W, M.next_results);
  key(W, "query");
  put(W, M.query);
  key(W, "refresh_url");
  put(W, M.refresh_url);
  key(W, "count");
  put(W, M.count);
  key(W, "since_id");
  put(W, M.since_id);
  key(W, "since_id_str");
  put(W, M.since_id_str);
  W.EndObject();
  W.EndObject();
}

// --- citm_catalog ------------------------------------------------------------------
void put(Writer& W, const citm::Event& V) {
  W.StartObject();
  key(W, "description");
  put(W, V.description);
  key(W, "id");
  put(W, V.id);
  key(W, "logo");
  put(W, V.logo);
  key(W, "name");
  put(W, V.name);
  key(W, "subTopicIds");
  put(W, V.subTopicIds);
  key(W, "subjectCode");
  put(W, V.subjectCode);
  key(W, "subtitle");
  put(W, V.subtitle);
  key(W, "topicIds");
  put(W, V.topicIds);
  W.EndObject();
}

void put(Writer& W, const citm::Price& V) {
  W.StartObject();
  key(W, "amount");
  put(W, V.amount);
  key(W, "audienceSubCategoryId");
  put(W, V.audienceSubCategoryId);
  key(W, "seatCategoryId");
  put(W, V.seatCategoryId);
  W.EndObject();
}

void put(Writer& W, const citm::Area& V) {
  W.StartObject();
  key(W, "areaId");
  put(W, V.areaId);
  key(W, "blockIds");
  put(W, V.blockIds);
  W.EndObject();
}

void put(Writer& W, const citm::SeatCategory& V) {
  W.StartObject();
  key(W, "areas");
  put(W, V.areas);
  key(W, "seatCategoryId");
  put(W, V.seatCategoryId);
  W.EndObject();
}

void put(Writer& W, const citm::Performance& V) {
  W.StartObject();
  key(W, "eventId");
  put(W, V.eventId);
  key(W, "id");
  put(W, V.id);
  key(W, "logo");
  put(W, V.logo);
  key(W, "name");
  put(W, V.name);
  key(W, "prices");
  put(W, V.prices);
  key(W, "seatCategories");
  put(W, V.seatCategories);
  key(W, "seatMapImage");
  put(W, V.seatMapImage);
  key(W, "start");
  put(W, V.start);
  key(W, "venueCode");
  put(W, V.venueCode);
  W.EndObject();
}

void put(Writer& W, const citm::CitmCatalog& V) {
  W.StartObject();
  key(W, "areaNames");
  put(W, V.areaNames);
  key(W, "audienceSubCategoryNames");
  put(W, V.audienceSubCategoryNames);
  key(W, "blockNames");
  put(W, V.blockNames);
  key(W, "events");
  put(W, V.events);
  key(W, "performances");
  put(W, V.performances);
  key(W, "seatCategoryNames");
  put(W, V.seatCategoryNames);
  key(W, "subTopicNames");
  put(W, V.subTopicNames);
  key(W, "subjectNames");
  put(W, V.subjectNames);
  key(W, "topicNames");
  put(W, V.topicNames);
  key(W, "topicSubTopics");
  put(W, V.topicSubTopics);
  key(W, "venueNames");
  put(W, V.venueNames);
  W.EndObject();
}

// --- canada ----------------------------------------------------------------------
void put(Writer& W, const canada::Canada& V) {
  W.StartObject();
  key(W, "type");
  put(W, V.type);
  key(W, "features");
  W.StartArray();
  for (const canada::Feature& F : V.features) {
    W.StartObject();
    key(W, "type");
    put(W, F.type);
    key(W, "properties");
    W.StartObject();
    key(W, "name");
    put(W, F.properties.name);
    W.EndObject();
    key(W, "geometry");
    W.StartObject();
    key(W, "type");
    put(W, F.geometry.type);
    key(W, "coordinates");
    put(W, F.geometry.coordinates);
    W.EndObject();
    W.EndObject();
  }
  W.EndArray();
  W.EndObject();
}

// --- micro -----------------------------------------------------------------------
void put(Writer& W, const micro::Empty&) {
  W.StartObject();
  W.EndObject();
}

void put(Writer& W, const micro::Small& V) {
  W.StartObject();
  key(W, "id");
  put(W, V.id);
  key(W, "name");
  put(W, V.name);
  key(W, "score");
  put(W, V.score);
  key(W, "active");
  put(W, V.active);
  key(W, "count");
  put(W, V.count);
  key(W, "tag");
  put(W, V.tag);
  W.EndObject();
}

// --- cases -----------------------------------------------------------------------
template <class T> Case rapidJsonCase(const char* Workload, const T& Value) {
  Case C;
  C.Workload = Workload;
  C.Library = RapidJsonLib;
  C.Write = [&Value](std::string& Out) -> std::string {
    rapidjson::StringBuffer Buffer;
    Writer W(Buffer);
    put(W, Value);
    if (!W.IsComplete())
      return "rapidjson: the writer did not complete a JSON value";
    Out.assign(Buffer.GetString(), Buffer.GetSize());
    return {};
  };
  C.Run = [&Value](benchmark::State& State) {
    rapidjson::StringBuffer Buffer;
    Writer W(Buffer);
    for (auto _ : State) {
      Buffer.Clear();
      W.Reset(Buffer);
      put(W, Value);
      benchmark::DoNotOptimize(Buffer.GetString());
      benchmark::ClobberMemory();
    }
  };
  return C;
}

} // namespace

void addRapidJsonCases(const Values& V, Cases& Out) {
  Out.push_back(rapidJsonCase(JsonPerformanceName, V.JsonPerf));
  Out.push_back(rapidJsonCase(TwitterName, V.Twitter));
  Out.push_back(rapidJsonCase(CitmName, V.Citm));
  Out.push_back(rapidJsonCase(CanadaName, V.Canada));
  Out.push_back(rapidJsonCase(MicroInt64Name, V.MicroInt64));
  Out.push_back(rapidJsonCase(MicroStringName, V.MicroString));
  Out.push_back(rapidJsonCase(MicroEmptyName, V.MicroEmpty));
  Out.push_back(rapidJsonCase(MicroSmallName, V.MicroSmall));
}

} // namespace bench
