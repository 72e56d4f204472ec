// The out-of-line parts of type descriptions that reflection (header templates) calls.
#include "jitson/detail/TypeDescription.h"

namespace jitson::detail {

void addMember(TypeDesc& D, std::string_view Name, std::uint64_t Offset, const TypeDesc* Type,
               bool OmitEmpty, bool AsString) {
  D.Members.push_back(MemberDesc{std::string(Name), Offset, Type, OmitEmpty, AsString});
}

} // namespace jitson::detail
