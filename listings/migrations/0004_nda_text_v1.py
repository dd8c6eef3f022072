from django.db import migrations

NDA_VI = """Thỏa thuận bảo mật thông tin (phiên bản 1)

Khi chấp nhận thỏa thuận này, tổ chức của bạn cam kết:
1. Chỉ sử dụng phần thông tin bảo mật của tin công nghệ để đánh giá khả năng hợp tác với bên sở hữu.
2. Không tiết lộ, sao chép hay chuyển giao thông tin đó cho bên thứ ba khi chưa có sự đồng ý bằng văn bản của bên sở hữu.
3. Chỉ chia sẻ thông tin với nhân sự của tổ chức cần biết để đánh giá, và ràng buộc họ bằng nghĩa vụ bảo mật tương đương.
4. Hủy hoặc trả lại thông tin khi bên sở hữu yêu cầu hoặc khi không tiếp tục hợp tác.
Nghĩa vụ bảo mật có hiệu lực trong 3 năm kể từ ngày chấp nhận. Việc chấp nhận được ghi lại cùng người chấp nhận, tổ chức, thời điểm và phiên bản thỏa thuận."""

NDA_EN = """Non-disclosure agreement (version 1)

By accepting this agreement your organisation undertakes:
1. To use the confidential part of the listing only to evaluate a cooperation with its owner.
2. Not to disclose, copy or transfer that information to any third party without the owner's written consent.
3. To share it only with its own staff who need it for the evaluation, bound by an equivalent duty of confidentiality.
4. To destroy or return the information when the owner asks, or when the cooperation does not go ahead.
The duty of confidentiality lasts 3 years from acceptance. The acceptance is recorded with the person, the organisation, the time and the version of this agreement."""


def create(apps, schema_editor):
    NdaText = apps.get_model("listings", "NdaText")
    NdaText.objects.update_or_create(version=1, defaults={"body_vi": NDA_VI, "body_en": NDA_EN})


class Migration(migrations.Migration):
    dependencies = [("listings", "0003_listings")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
