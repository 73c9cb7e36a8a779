#!/usr/bin/env python3
"""Makes the test pictures of ImageTests: a phone photo as cameras write it.

make_photo.py DIR writes DIR/camera.jpg (3000×2000 stored sideways, EXIF orientation 6 —
«rotate 90° clockwise to view» —, GPS coordinates, camera make, an XMP packet and a
comment), DIR/scan.png (a PNG with text chunks and an eXIf chunk with GPS) and DIR/broken.jpg
(not a picture). The stored image has a red block in its top-left corner, which must end up
top-right once the picture is turned upright.
"""
import sys
from PIL import Image, PngImagePlugin

out = sys.argv[1]
im = Image.new("RGB", (3000, 2000), (40, 120, 200))
im.paste((255, 0, 0), (0, 0, 300, 200))
exif = Image.Exif()
exif[0x0112] = 6
exif[0x010F] = "PhoneMaker"
exif[0x8825] = {1: "N", 2: (58.0, 36.0, 0.0), 3: "E", 4: (49.0, 40.0, 0.0)}
xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Author"/></rdf:RDF></x:xmpmeta>'
im.save(f"{out}/camera.jpg", quality=90, exif=exif.tobytes(), xmp=xmp, comment=b"secret comment")

png = Image.new("RGB", (800, 600), (250, 250, 250))
info = PngImagePlugin.PngInfo()
info.add_text("Author", "Secret Author")
info.add_text("Comment", "secret comment")
png.save(f"{out}/scan.png", pnginfo=info, exif=exif.tobytes())

with open(f"{out}/broken.jpg", "wb") as f:
    f.write(b"\xff\xd8\xff\xe0 this is not really a jpeg")
