// The benchmark workloads as C++ types, and the values every library serializes.
//
// Each workload mirrors one public JSON document (../shared/data/*.json):
//   json_performance  JsonPerformance (tools/jitson-demo/JsonPerformance.h, shared with the demo)
//   twitter           twitter::Twitter
//   citm_catalog      citm::CitmCatalog
//   canada            canada::Canada
// plus four micro cases.
//
// Every struct is also described with Boost.Describe (BOOST_DESCRIBE_STRUCT):
// Boost.JSON's value_from uses that, and so do the benchmark's own loader and
// reference converter (Load.cpp). The other peers' glue is in their own files.
#ifndef JITSON_BENCHMARKS_WORKLOADS_H
#define JITSON_BENCHMARKS_WORKLOADS_H

#include "JsonPerformance.h"

#include <boost/describe/class.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

BOOST_DESCRIBE_STRUCT(FixedObject, (), (int_array, float_array, double_array))
BOOST_DESCRIBE_STRUCT(FixedNameObject, (), (name0, name1, name2, name3, name4))
BOOST_DESCRIBE_STRUCT(NestedObject, (), (v3s, id))
BOOST_DESCRIBE_STRUCT(AnotherObject, (), (string, another_string, escaped_text, boolean, nested_object))
BOOST_DESCRIBE_STRUCT(JsonPerformance, (),
                      (fixed_object, fixed_name_object, another_object, string_array, string,
                       number, boolean, another_bool))

// twitter.json: the result of a search, 100 statuses (73 of them retweets).
//
// Modelling choices (documented in docs/Performance.md):
// - A member that is null in some records is std::optional (in_reply_to_*,
//   user.url, user.utc_offset, ...). Members that are null in every record
//   (geo, coordinates, place, contributors) get the type Twitter's API gives
//   them, wrapped in std::optional.
// - A member that is absent from some records is std::optional too
//   (retweeted_status, possibly_sensitive, entities.media, user.entities.url,
//   user.profile_banner_url, media.source_status_id[_str]); all four libraries
//   then write it as null. The equivalence check accepts `null` for a key the
//   source record lacks (and nothing else).
// - `protected` is a C++ keyword: the member is `protected_`, and the loaded
//   document's key is renamed to match (member renames come with a later issue).
// - Ids are std::int64_t (the document's ids went through a JavaScript double
//   once, so `id` and `id_str` disagree in the last digits; the int64 keeps
//   exactly what the document says). Counts and indices are std::int32_t.
// - Nothing in the document changes type across records other than null/absent.
// - A retweet's retweeted_status is a status without a retweeted_status of its
//   own: a separate struct, RetweetedStatus (a struct cannot hold an optional of
//   itself).
namespace twitter {

struct Metadata {
  std::string result_type;
  std::string iso_language_code;
};
BOOST_DESCRIBE_STRUCT(Metadata, (), (result_type, iso_language_code))

struct Hashtag { // also the shape of a "symbols" entity ($TICKER)
  std::string text;
  std::array<std::int32_t, 2> indices;
};
BOOST_DESCRIBE_STRUCT(Hashtag, (), (text, indices))

struct Url {
  std::string url;
  std::string expanded_url;
  std::string display_url;
  std::array<std::int32_t, 2> indices;
};
BOOST_DESCRIBE_STRUCT(Url, (), (url, expanded_url, display_url, indices))

struct UserMention {
  std::string screen_name;
  std::string name;
  std::int64_t id;
  std::string id_str;
  std::array<std::int32_t, 2> indices;
};
BOOST_DESCRIBE_STRUCT(UserMention, (), (screen_name, name, id, id_str, indices))

struct MediaSize {
  std::int32_t w;
  std::int32_t h;
  std::string resize;
};
BOOST_DESCRIBE_STRUCT(MediaSize, (), (w, h, resize))

struct MediaSizes {
  MediaSize medium;
  MediaSize small;
  MediaSize thumb;
  MediaSize large;
};
BOOST_DESCRIBE_STRUCT(MediaSizes, (), (medium, small, thumb, large))

struct Media {
  std::int64_t id;
  std::string id_str;
  std::array<std::int32_t, 2> indices;
  std::string media_url;
  std::string media_url_https;
  std::string url;
  std::string display_url;
  std::string expanded_url;
  std::string type;
  MediaSizes sizes;
  std::optional<std::int64_t> source_status_id;
  std::optional<std::string> source_status_id_str;
};
BOOST_DESCRIBE_STRUCT(Media, (),
                      (id, id_str, indices, media_url, media_url_https, url, display_url,
                       expanded_url, type, sizes, source_status_id, source_status_id_str))

struct StatusEntities {
  std::vector<Hashtag> hashtags;
  std::vector<Hashtag> symbols;
  std::vector<Url> urls;
  std::vector<UserMention> user_mentions;
  std::optional<std::vector<Media>> media;
};
BOOST_DESCRIBE_STRUCT(StatusEntities, (), (hashtags, symbols, urls, user_mentions, media))

struct UrlList {
  std::vector<Url> urls;
};
BOOST_DESCRIBE_STRUCT(UrlList, (), (urls))

struct UserEntities {
  std::optional<UrlList> url;
  UrlList description;
};
BOOST_DESCRIBE_STRUCT(UserEntities, (), (url, description))

struct User {
  std::int64_t id;
  std::string id_str;
  std::string name;
  std::string screen_name;
  std::string location;
  std::string description;
  std::optional<std::string> url;
  UserEntities entities;
  bool protected_; // JSON key "protected" (a C++ keyword)
  std::int32_t followers_count;
  std::int32_t friends_count;
  std::int32_t listed_count;
  std::string created_at;
  std::int32_t favourites_count;
  std::optional<std::int32_t> utc_offset;
  std::optional<std::string> time_zone;
  bool geo_enabled;
  bool verified;
  std::int32_t statuses_count;
  std::string lang;
  bool contributors_enabled;
  bool is_translator;
  bool is_translation_enabled;
  std::string profile_background_color;
  std::string profile_background_image_url;
  std::string profile_background_image_url_https;
  bool profile_background_tile;
  std::string profile_image_url;
  std::string profile_image_url_https;
  std::optional<std::string> profile_banner_url;
  std::string profile_link_color;
  std::string profile_sidebar_border_color;
  std::string profile_sidebar_fill_color;
  std::string profile_text_color;
  bool profile_use_background_image;
  bool default_profile;
  bool default_profile_image;
  bool following;
  bool follow_request_sent;
  bool notifications;
};
BOOST_DESCRIBE_STRUCT(User, (),
                      (id, id_str, name, screen_name, location, description, url, entities,
                       protected_, followers_count, friends_count, listed_count, created_at,
                       favourites_count, utc_offset, time_zone, geo_enabled, verified,
                       statuses_count, lang, contributors_enabled, is_translator,
                       is_translation_enabled, profile_background_color,
                       profile_background_image_url, profile_background_image_url_https,
                       profile_background_tile, profile_image_url, profile_image_url_https,
                       profile_banner_url, profile_link_color, profile_sidebar_border_color,
                       profile_sidebar_fill_color, profile_text_color,
                       profile_use_background_image, default_profile, default_profile_image,
                       following, follow_request_sent, notifications))

struct Point { // GeoJSON point (geo, coordinates): null throughout the document
  std::string type;
  std::array<double, 2> coordinates;
};
BOOST_DESCRIBE_STRUCT(Point, (), (type, coordinates))

struct Place { // null throughout the document
  std::string id;
  std::string url;
  std::string place_type;
  std::string name;
  std::string full_name;
  std::string country_code;
  std::string country;
};
BOOST_DESCRIBE_STRUCT(Place, (), (id, url, place_type, name, full_name, country_code, country))

// The members of a status, in the document's order, except retweeted_status.
// RetweetedStatus has exactly these; Status adds retweeted_status after
// contributors, where the document has it.
struct RetweetedStatus {
  Metadata metadata;
  std::string created_at;
  std::int64_t id;
  std::string id_str;
  std::string text;
  std::string source;
  bool truncated;
  std::optional<std::int64_t> in_reply_to_status_id;
  std::optional<std::string> in_reply_to_status_id_str;
  std::optional<std::int64_t> in_reply_to_user_id;
  std::optional<std::string> in_reply_to_user_id_str;
  std::optional<std::string> in_reply_to_screen_name;
  User user;
  std::optional<Point> geo;
  std::optional<Point> coordinates;
  std::optional<Place> place;
  std::optional<std::vector<std::int64_t>> contributors;
  std::int32_t retweet_count;
  std::int32_t favorite_count;
  StatusEntities entities;
  bool favorited;
  bool retweeted;
  std::optional<bool> possibly_sensitive;
  std::string lang;
};
BOOST_DESCRIBE_STRUCT(RetweetedStatus, (),
                      (metadata, created_at, id, id_str, text, source, truncated,
                       in_reply_to_status_id, in_reply_to_status_id_str, in_reply_to_user_id,
                       in_reply_to_user_id_str, in_reply_to_screen_name, user, geo, coordinates,
                       place, contributors, retweet_count, favorite_count, entities, favorited,
                       retweeted, possibly_sensitive, lang))

struct Status {
  Metadata metadata;
  std::string created_at;
  std::int64_t id;
  std::string id_str;
  std::string text;
  std::string source;
  bool truncated;
  std::optional<std::int64_t> in_reply_to_status_id;
  std::optional<std::string> in_reply_to_status_id_str;
  std::optional<std::int64_t> in_reply_to_user_id;
  std::optional<std::string> in_reply_to_user_id_str;
  std::optional<std::string> in_reply_to_screen_name;
  User user;
  std::optional<Point> geo;
  std::optional<Point> coordinates;
  std::optional<Place> place;
  std::optional<std::vector<std::int64_t>> contributors;
  std::optional<RetweetedStatus> retweeted_status;
  std::int32_t retweet_count;
  std::int32_t favorite_count;
  StatusEntities entities;
  bool favorited;
  bool retweeted;
  std::optional<bool> possibly_sensitive;
  std::string lang;
};
BOOST_DESCRIBE_STRUCT(Status, (),
                      (metadata, created_at, id, id_str, text, source, truncated,
                       in_reply_to_status_id, in_reply_to_status_id_str, in_reply_to_user_id,
                       in_reply_to_user_id_str, in_reply_to_screen_name, user, geo, coordinates,
                       place, contributors, retweeted_status, retweet_count, favorite_count,
                       entities, favorited, retweeted, possibly_sensitive, lang))

struct SearchMetadata {
  double completed_in;
  std::int64_t max_id;
  std::string max_id_str;
  std::string next_results;
  std::string query;
  std::string refresh_url;
  std::int32_t count;
  std::int64_t since_id;
  std::string since_id_str;
};
BOOST_DESCRIBE_STRUCT(SearchMetadata, (),
                      (completed_in, max_id, max_id_str, next_results, query, refresh_url, count,
                       since_id, since_id_str))

struct Twitter {
  std::vector<Status> statuses;
  SearchMetadata search_metadata;
};
BOOST_DESCRIBE_STRUCT(Twitter, (), (statuses, search_metadata))

} // namespace twitter

// citm_catalog.json: a ticket vendor's catalogue of concerts at one venue
// (184 events, 243 performances, 907 seat categories, 8,685 areas).
//
// Modelling choices (documented in docs/Performance.md):
// - Every object keyed by ids (areaNames, events, seatCategoryNames,
//   topicSubTopics, ...) is a std::map<std::string, ...>, as the issue asks.
//   std::map writes its keys sorted; the document's keys happen to be sorted
//   too, and the equivalence check ignores key order anyway. blockNames and
//   subjectNames are empty in the document: maps of strings like the others.
// - Members null in some records (logo) and in every record (description,
//   subjectCode, subtitle, a performance's name and seatMapImage) are
//   std::optional<std::string>, the type they would have when present.
// - Ids are std::int64_t (they fit in 32 bits in this document, but ids are
//   not counts), start is a Unix time in milliseconds (std::int64_t), and an
//   amount is in cents (std::int32_t). blockIds is empty in every area: a
//   vector of ids.
// - Every record has all its keys: nothing is absent, nothing changes type
//   other than null.
namespace citm {

using Names = std::map<std::string, std::string>; // id -> name

struct Event {
  std::optional<std::string> description; // null throughout the document
  std::int64_t id;
  std::optional<std::string> logo;
  std::string name;
  std::vector<std::int64_t> subTopicIds;
  std::optional<std::string> subjectCode; // null throughout the document
  std::optional<std::string> subtitle;    // null throughout the document
  std::vector<std::int64_t> topicIds;
};
BOOST_DESCRIBE_STRUCT(Event, (),
                      (description, id, logo, name, subTopicIds, subjectCode, subtitle, topicIds))

struct Price {
  std::int32_t amount;
  std::int64_t audienceSubCategoryId;
  std::int64_t seatCategoryId;
};
BOOST_DESCRIBE_STRUCT(Price, (), (amount, audienceSubCategoryId, seatCategoryId))

struct Area {
  std::int64_t areaId;
  std::vector<std::int64_t> blockIds; // empty throughout the document
};
BOOST_DESCRIBE_STRUCT(Area, (), (areaId, blockIds))

struct SeatCategory {
  std::vector<Area> areas;
  std::int64_t seatCategoryId;
};
BOOST_DESCRIBE_STRUCT(SeatCategory, (), (areas, seatCategoryId))

struct Performance {
  std::int64_t eventId;
  std::int64_t id;
  std::optional<std::string> logo;
  std::optional<std::string> name; // null throughout the document
  std::vector<Price> prices;
  std::vector<SeatCategory> seatCategories;
  std::optional<std::string> seatMapImage; // null throughout the document
  std::int64_t start;
  std::string venueCode;
};
BOOST_DESCRIBE_STRUCT(Performance, (),
                      (eventId, id, logo, name, prices, seatCategories, seatMapImage, start,
                       venueCode))

struct CitmCatalog {
  Names areaNames;
  Names audienceSubCategoryNames;
  Names blockNames; // empty in the document
  std::map<std::string, Event> events;
  std::vector<Performance> performances;
  Names seatCategoryNames;
  Names subTopicNames;
  Names subjectNames; // empty in the document
  Names topicNames;
  std::map<std::string, std::vector<std::int64_t>> topicSubTopics;
  Names venueNames;
};
BOOST_DESCRIBE_STRUCT(CitmCatalog, (),
                      (areaNames, audienceSubCategoryNames, blockNames, events, performances,
                       seatCategoryNames, subTopicNames, subjectNames, topicNames, topicSubTopics,
                       venueNames))

} // namespace citm

// canada.json: a GeoJSON FeatureCollection holding one polygon (Canada's
// outline: 480 rings, 55,563 points). Coordinates are double (the document's
// numbers need a double to read back exactly).
namespace canada {

struct Properties {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(Properties, (), (name))

struct Geometry {
  std::string type;
  std::vector<std::vector<std::array<double, 2>>> coordinates;
};
BOOST_DESCRIBE_STRUCT(Geometry, (), (type, coordinates))

struct Feature {
  std::string type;
  Properties properties;
  Geometry geometry;
};
BOOST_DESCRIBE_STRUCT(Feature, (), (type, properties, geometry))

struct Canada {
  std::string type;
  std::vector<Feature> features;
};
BOOST_DESCRIBE_STRUCT(Canada, (), (type, features))

} // namespace canada

// Micro cases: fixed cost per call (jitson vs RapidJSON only).
namespace micro {

struct Empty {};
BOOST_DESCRIBE_STRUCT(Empty, (), ())

struct Small { // six members of the common kinds
  std::int64_t id;
  std::string name;
  double score;
  bool active;
  std::int32_t count;
  std::optional<std::string> tag;
};
BOOST_DESCRIBE_STRUCT(Small, (), (id, name, score, active, count, tag))

} // namespace micro

namespace bench {

/// Everything the benchmarks serialize. Filled once by loadWorkloads (Load.h)
/// before any library runs; read-only afterwards.
struct Values {
  JsonPerformance JsonPerf;
  twitter::Twitter Twitter;
  citm::CitmCatalog Citm;
  canada::Canada Canada;
  std::int64_t MicroInt64 = 0;
  std::string MicroString;
  micro::Empty MicroEmpty;
  micro::Small MicroSmall;
};

// Workload names, as they appear in benchmark names and reports.
inline constexpr const char* JsonPerformanceName = "json_performance";
inline constexpr const char* TwitterName = "twitter";
inline constexpr const char* CitmName = "citm_catalog";
inline constexpr const char* CanadaName = "canada";
inline constexpr const char* MicroInt64Name = "micro_int64";
inline constexpr const char* MicroStringName = "micro_string";
inline constexpr const char* MicroEmptyName = "micro_empty";
inline constexpr const char* MicroSmallName = "micro_small";

} // namespace bench

#endif // JITSON_BENCHMARKS_WORKLOADS_H
