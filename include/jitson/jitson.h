// Umbrella header: everything a user of jitson needs.
#ifndef JITSON_JITSON_H
#define JITSON_JITSON_H

#include "jitson/Buffer.h"
#include "jitson/Error.h"
#include "jitson/Meta.h"
#include "jitson/Jit.h"
#include "jitson/Options.h"
#include "jitson/OwnedSerializer.h"
#include "jitson/RawJson.h"
#include "jitson/Serializer.h"
#include "jitson/Writer.h"

#endif // JITSON_JITSON_H
