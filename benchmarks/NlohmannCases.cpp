// nlohmann::json 3.11 used the documented way: NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE
// per struct, then nlohmann::json(value).dump() (which builds the DOM and
// writes it; that is the library's path from a struct to text).
#include "Cases.h"

#include <nlohmann/json.hpp>

#include <optional>

// nlohmann 3.11.2 has no std::optional support: the usual adl_serializer.
namespace nlohmann {
template <class T> struct adl_serializer<std::optional<T>> {
  static void to_json(json& J, const std::optional<T>& V) {
    if (V)
      J = *V;
    else
      J = nullptr;
  }
  static void from_json(const json& J, std::optional<T>& V) {
    if (J.is_null())
      V.reset();
    else
      V = J.get<T>();
  }
};
} // namespace nlohmann

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FixedObject, int_array, float_array, double_array)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FixedNameObject, name0, name1, name2, name3, name4)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NestedObject, v3s, id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(AnotherObject, string, another_string, escaped_text, boolean,
                                   nested_object)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(JsonPerformance, fixed_object, fixed_name_object,
                                   another_object, string_array, string, number, boolean,
                                   another_bool)

namespace twitter {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Metadata, result_type, iso_language_code)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Hashtag, text, indices)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Url, url, expanded_url, display_url, indices)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UserMention, screen_name, name, id, id_str, indices)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MediaSize, w, h, resize)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MediaSizes, medium, small, thumb, large)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Media, id, id_str, indices, media_url, media_url_https, url,
                                   display_url, expanded_url, type, sizes, source_status_id,
                                   source_status_id_str)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StatusEntities, hashtags, symbols, urls, user_mentions, media)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UrlList, urls)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UserEntities, url, description)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(User, id, id_str, name, screen_name, location, description, url,
                                   entities, protected_, followers_count, friends_count,
                                   listed_count, created_at, favourites_count, utc_offset,
                                   time_zone, geo_enabled, verified, statuses_count, lang,
                                   contributors_enabled, is_translator, is_translation_enabled,
                                   profile_background_color, profile_background_image_url,
                                   profile_background_image_url_https, profile_background_tile,
                                   profile_image_url, profile_image_url_https, profile_banner_url,
                                   profile_link_color, profile_sidebar_border_color,
                                   profile_sidebar_fill_color, profile_text_color,
                                   profile_use_background_image, default_profile,
                                   default_profile_image, following, follow_request_sent,
                                   notifications)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Point, type, coordinates)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Place, id, url, place_type, name, full_name, country_code,
                                   country)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RetweetedStatus, metadata, created_at, id, id_str, text, source,
                                   truncated, in_reply_to_status_id, in_reply_to_status_id_str,
                                   in_reply_to_user_id, in_reply_to_user_id_str,
                                   in_reply_to_screen_name, user, geo, coordinates, place,
                                   contributors, retweet_count, favorite_count, entities,
                                   favorited, retweeted, possibly_sensitive, lang)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Status, metadata, created_at, id, id_str, text, source,
                                   truncated, in_reply_to_status_id, in_reply_to_status_id_str,
                                   in_reply_to_user_id, in_reply_to_user_id_str,
                                   in_reply_to_screen_name, user, geo, coordinates, place,
                                   contributors, retweeted_status, retweet_count, favorite_count,
                                   entities, favorited, retweeted, possibly_sensitive, lang)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SearchMetadata, completed_in, max_id, max_id_str, next_results,
                                   query, refresh_url, count, since_id, since_id_str)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Twitter, statuses, search_metadata)
} // namespace twitter

// std::map<std::string, T> is an object in nlohmann::json without any glue.
namespace citm {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Event, description, id, logo, name, subTopicIds, subjectCode,
                                   subtitle, topicIds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Price, amount, audienceSubCategoryId, seatCategoryId)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Area, areaId, blockIds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SeatCategory, areas, seatCategoryId)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Performance, eventId, id, logo, name, prices, seatCategories,
                                   seatMapImage, start, venueCode)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CitmCatalog, areaNames, audienceSubCategoryNames, blockNames,
                                   events, performances, seatCategoryNames, subTopicNames,
                                   subjectNames, topicNames, topicSubTopics, venueNames)
} // namespace citm

namespace canada {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Properties, name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Geometry, type, coordinates)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Feature, type, properties, geometry)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Canada, type, features)
} // namespace canada

namespace bench {
namespace {

template <class T> Case nlohmannCase(const char* Workload, const T& Value) {
  Case C;
  C.Workload = Workload;
  C.Library = NlohmannLib;
  C.Write = [&Value](std::string& Out) -> std::string {
    Out = nlohmann::json(Value).dump();
    return {};
  };
  C.Run = [&Value](benchmark::State& State) {
    for (auto _ : State) {
      std::string Out = nlohmann::json(Value).dump();
      benchmark::DoNotOptimize(Out.data());
      benchmark::ClobberMemory();
    }
  };
  return C;
}

} // namespace

void addNlohmannCases(const Values& V, Cases& Out) {
  Out.push_back(nlohmannCase(JsonPerformanceName, V.JsonPerf));
  Out.push_back(nlohmannCase(TwitterName, V.Twitter));
  Out.push_back(nlohmannCase(CitmName, V.Citm));
  Out.push_back(nlohmannCase(CanadaName, V.Canada));
}

} // namespace bench
