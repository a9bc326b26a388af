/* MRT header sanity check used by content sniffing. */
#ifndef BO_MRT_SNIFF_H
#define BO_MRT_SNIFF_H

#include <stddef.h>
#include <stdint.h>

/* 1 if the bytes start with one or more plausible MRT records. */
int	mrt_sniff(const uint8_t *, size_t);

#endif
