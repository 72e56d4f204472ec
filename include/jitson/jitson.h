// Umbrella header: everything a user of jitson needs.
#ifndef JITSON_JITSON_H
#define JITSON_JITSON_H

#include "jitson/Buffer.h"
#include "jitson/Error.h"
#include "jitson/Options.h"
#include "jitson/Serializer.h"

#endif // JITSON_JITSON_H
