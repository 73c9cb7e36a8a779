#ifndef NASTAVNIK_CIMAGECODECS_H
#define NASTAVNIK_CIMAGECODECS_H

#include <stddef.h>

/// Decoded pixels: 8-bit RGB (channels 3) or RGBA (channels 4), rows packed.
typedef struct {
    unsigned char *pixels;
    int width;
    int height;
    int channels;
} nk_image;

/// Reads only the header: width and height, without decoding (bounds memory before decoding).
/// Returns 0 on success.
int nk_jpeg_size(const unsigned char *data, size_t size, int *width, int *height);
int nk_png_size(const unsigned char *data, size_t size, int *width, int *height);
int nk_webp_size(const unsigned char *data, size_t size, int *width, int *height);

/// Decoders: 0 on success; on failure a message (English, from the library) in `error`.
/// libjpeg reports errors by calling an exit function: here it jumps back (setjmp), which
/// Swift cannot do, hence C.
/// `scale_denom` (1, 2, 4 or 8) decodes a JPEG at that fraction of its size, which
/// libjpeg does in the DCT: a 12-megapixel photo bound for 1600 pixels decodes 4× faster.
int nk_decode_jpeg(const unsigned char *data, size_t size, int scale_denom, nk_image *out, char *error, size_t error_size);
int nk_decode_png(const unsigned char *data, size_t size, nk_image *out, char *error, size_t error_size);
int nk_decode_webp(const unsigned char *data, size_t size, nk_image *out, char *error, size_t error_size);

/// Encoders write no metadata at all (no EXIF, XMP, comments): only pixels.
int nk_encode_jpeg(const nk_image *image, int quality, unsigned char **out, size_t *out_size);
int nk_encode_png(const nk_image *image, unsigned char **out, size_t *out_size);
int nk_encode_webp(const nk_image *image, float quality, unsigned char **out, size_t *out_size);

/// Resamples with libwebp's rescaler (area-averaging when shrinking). 0 on success.
int nk_resize(const nk_image *image, int width, int height, nk_image *out);

void nk_image_free(nk_image *image);
void nk_free(void *pointer);

#endif
