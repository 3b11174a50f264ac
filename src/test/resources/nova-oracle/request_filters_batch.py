#!/usr/bin/python3
"""Nova 26's request filters that read only the request spec (require_image_type_support,
compute_status_filter, transform_image_metadata, accelerators_filter), run on many cases at once:

    /usr/bin/python3 request_filters_batch.py CASES.json

CASES.json: [{"imageType": bool, "imageMeta": bool, "extra": {flavor extra specs}, "disk_format": str,
"props": {image properties}}]. Prints per case the properties Nova's ImageMetaProps accepted and the
root traits the filters left: {"props", "required", "forbidden"}.
"""
import json, sys
from nova import objects, conf, context
objects.register_all()
from nova.scheduler import request_filter
CONF = conf.CONF
CONF([], project='nova')
out = []
for c in json.load(open(sys.argv[1])):
    CONF.set_override('query_placement_for_image_type_support', c['imageType'], group='scheduler')
    CONF.set_override('image_metadata_prefilter', c['imageMeta'], group='scheduler')
    flavor = objects.Flavor(extra_specs=c['extra'], vcpus=1, memory_mb=512, root_gb=1, ephemeral_gb=0, swap=0, name='f')
    image = objects.ImageMeta.from_dict({'disk_format': c['disk_format'], 'properties': {}})
    kept = {}
    for k, v in c['props'].items():
        try:
            setattr(image.properties, k, v)
            kept[k] = v
        except Exception:
            pass  # Nova's image API refuses the value: the property is not there
    spec = objects.RequestSpec(flavor=flavor, image=image, is_bfv=False,
                               requested_networks=objects.NetworkRequestList(objects=[]))
    for f in (request_filter.require_image_type_support, request_filter.compute_status_filter,
              request_filter.transform_image_metadata, request_filter.accelerators_filter):
        f(None, spec)
    out.append({'props': kept, 'required': sorted(spec.root_required), 'forbidden': sorted(spec.root_forbidden)})
json.dump(out, sys.stdout)
